#!/usr/bin/env bash
# Builds, once, the real components that the -Preal suites run, each pinned by its recipe in
# scripts/real-tools.d/<tool>.sh, and caches them outside the repository, keyed by version:
#   ${MELTANODATA_TOOLS_CACHE:-~/.cache/meltanodata/tools}/<tool>-<version>/bin/
# Prints one line on stdout: the bin folder to put first on PATH (links to every built tool).
# Progress and build logs go to stderr and to <cache>/logs/. Safe to run again and concurrently.
# MELTANODATA_TOOLS_JOBS: builds at a time (default 2).
#
# Usage: scripts/real-tools.sh [TOOL...]     (no TOOL: every recipe)
#        scripts/real-tools.sh --list        (the recipes and their pinned versions)
#
# A recipe sets `version=` and defines `build <dest>`, which puts executables in <dest>/bin.
# It runs in its own shell, in a scratch folder, with the Go and pip caches shared by all.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
recipes="$here/real-tools.d"
cache="${MELTANODATA_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/meltanodata/tools}"
bin="$cache/bin"
mkdir -p "$cache/logs" "$bin"

# Nothing here may reach beyond the package registries: no toolchain downloads, no telemetry.
export GOTOOLCHAIN=local CGO_ENABLED="${CGO_ENABLED:-0}"
export PIP_DISABLE_PIP_VERSION_CHECK=1

# For Go recipes: a throwaway module meltanodata.local/<name> for `go <version>`, whose further
# go.mod lines (require, replace) come on stdin, and a tools.go importing <package> so that
# `go mod tidy` keeps its requirements. Upstream modules with `replace` lines in their own
# go.mod cannot be built with `go install ...@version`; such a wrapper builds them instead.
go_wrapper_module() {
  local name="$1" go_version="$2" package="$3"
  { printf 'module meltanodata.local/%s\n\ngo %s\n\n' "$name" "$go_version"; cat; } > go.mod
  printf '//go:build tools\n\npackage tools\n\nimport _ "%s"\n' "$package" > tools.go
}

# For Debian-package recipes: `apt-get download <package>...` into the scratch folder, then each .deb
# unpacked with `dpkg -x` into <dest>/root and named in <dest>/packages.txt, so the machine itself
# is not changed. debian_packages <tool> <dest> <package>...
debian_packages() {
  local tool="$1" dest="$2" deb
  shift 2
  command -v apt-get >/dev/null || { echo "$tool: needs apt-get (a Debian host)"; return 1; }
  apt-get download "$@"
  mkdir -p "$dest/root"
  for deb in ./*.deb; do
    dpkg-deb -f "$deb" Package Version | paste -sd' ' >> "$dest/packages.txt"
    dpkg -x "$deb" "$dest/root"
  done
}

# For Kubernetes components (kube-apiserver, kube-controller-manager, kube-scheduler), one
# release for all: k8s.io/kubernetes's go.mod requires its staging modules (k8s.io/api,
# k8s.io/apiserver, ...) at v0.0.0 and replaces them with ./staging folders, so a throwaway
# wrapper module requires it and replaces each of those with its published v0.<minor>.<patch>.
# The module and build caches are shared, so the second and third component reuse the first's.
# kubernetes_build <version> <component> <dest>: <dest>/bin/<component>, stamped with <version>.
kubernetes_build() {
  local version="$1" component="$2" dest="$3" staging="v0.${1#1.}" gomod m
  gomod="$(go mod download -json "k8s.io/kubernetes@v$version" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')"
  {
    echo "module meltanodata.local/$component-build"
    echo
    echo "go $(sed -n 's/^go //p' "$gomod")"
    echo
    echo "require k8s.io/kubernetes v$version"
    echo
    # the staging modules: required at exactly v0.0.0
    for m in $(awk '$1 ~ /^k8s\.io\// && $2 == "v0.0.0" {print $1}' "$gomod"); do
      echo "replace $m => $m $staging"
    done
  } > go.mod
  cat go.mod
  go get "k8s.io/kubernetes/cmd/$component@v$version"
  local pkg=k8s.io/component-base/version
  go build -trimpath -o "$dest/bin/$component" -ldflags "-s -w \
      -X $pkg.gitVersion=v$version -X $pkg.gitMajor=1 -X $pkg.gitMinor=$(echo "$version" | cut -d. -f2) \
      -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z" \
    "k8s.io/kubernetes/cmd/$component"
  "$dest/bin/$component" --version
}

all_tools() { for f in "$recipes"/*.sh; do basename "$f" .sh; done; }

recipe_version() { (set -euo pipefail; source "$recipes/$1.sh"; echo "$version"); }

build_one() {
  local tool="$1" version dir log started
  version="$(recipe_version "$tool")"
  dir="$cache/$tool-$version"
  log="$cache/logs/$tool-$version.log"
  (
    flock 9
    if [ ! -f "$dir/.complete" ]; then
      echo "real-tools: building $tool $version (log: $log)" >&2
      started=$SECONDS
      rm -rf "$dir.partial" && mkdir -p "$dir.partial/bin"
      scratch="$(mktemp -d)"
      if ! (cd "$scratch" && set -euo pipefail && source "$recipes/$tool.sh" && build "$dir.partial") >"$log" 2>&1; then
        tail -n 30 "$log" >&2
        echo "real-tools: building $tool $version failed (full log: $log)" >&2
        rm -rf "$scratch"
        exit 1
      fi
      rm -rf "$scratch" "$dir"
      mv "$dir.partial" "$dir"
      echo "$((SECONDS - started))" > "$dir/.build-seconds"
      touch "$dir/.complete"
      echo "real-tools: built $tool $version in $((SECONDS - started)) s" >&2
    fi
    for exe in "$dir"/bin/*; do ln -sfn "$exe" "$bin/$(basename "$exe")"; done
  ) 9>"$cache/.lock-$tool"
}

if [ "${1:-}" = "--list" ]; then
  for t in $(all_tools); do printf '%s %s\n' "$t" "$(recipe_version "$t")"; done
  exit 0
fi

# Builds run side by side, $jobs at a time: one build alone leaves a core idle while it downloads
# modules and links. Recipes that share a cache (`cache_group=` in the recipe: the Kubernetes
# components) build one after another in one job, so each after the first reuses the first's work.
recipe_group() { (set -euo pipefail; source "$recipes/$1.sh"; echo "${cache_group:-$1}"); }
jobs="${MELTANODATA_TOOLS_JOBS:-2}"
[[ "$jobs" =~ ^[1-9][0-9]*$ ]] || { echo "real-tools: MELTANODATA_TOOLS_JOBS must be a positive number, not '$jobs'" >&2; exit 2; }

tools=("$@")
[ ${#tools[@]} -gt 0 ] || mapfile -t tools < <(all_tools)
groups=(); declare -A members=()
for t in "${tools[@]}"; do
  [ -f "$recipes/$t.sh" ] || { echo "real-tools: no recipe '$t' (have: $(all_tools | tr '\n' ' '))" >&2; exit 2; }
  g="$(recipe_group "$t")"
  [ -n "${members[$g]+set}" ] || groups+=("$g")
  members[$g]+="$t "
done

failed=0
for g in "${groups[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || failed=1; done
  # shellcheck disable=SC2086 # members are recipe names
  ( for t in ${members[$g]}; do build_one "$t" || exit 1; done ) &
done
while [ -n "$(jobs -rp)" ]; do wait -n || failed=1; done
[ "$failed" = 0 ] || { echo "real-tools: some tools failed to build (see above)" >&2; exit 1; }
echo "$bin"
