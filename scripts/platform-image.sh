#!/usr/bin/env bash
# Builds the platform's image (deployments/04_environments/image/Dockerfile) with buildah, as
# .github/workflows/environments.yml builds it with buildx, for the -Preal suite. Needs root.
#
#   scripts/platform-image.sh base
#       the base image: Debian bookworm from the Debian index (debootstrap, minbase) with Debian's
#       python3 (3.11), python3-venv, python-is-python3 and ca-certificates; stands in for the
#       pinned python:3.12-slim-bookworm that cannot be pulled here. Prints its reference.
#   scripts/platform-image.sh build PROJECT_DIR [--install "PLUGIN..."] [--commit SHA]
#                                               [--label KEY=VALUE]...
#       the project's image from the Dockerfile, context PROJECT_DIR, named context `platform`,
#       the Dockerfile's ignore file, --build-arg COMMIT and the labels CI sets. Prints its reference.
#   scripts/platform-image.sh key PROJECT_DIR [options as build]
#       the reference `build` would build or find, without building anything (no root, no builder).
#
# Both are cached in buildah's storage (${MELTANODATA_IMAGES_CACHE:-~/.cache/meltanodata/images},
# outside the checkout), tagged with a key over everything that goes in: for the image, the
# Dockerfile's folder, the project's files (without what the ignore file leaves out), the build
# arguments and labels, and the base's reference. A second call with the same inputs builds nothing.
#
# The build reaches no network but the Python package index: pip in the RUN steps gets the host's
# index settings (PIP_INDEX_URL, PIP_EXTRA_INDEX_URL if set) and CA bundle through a read-only
# /etc/pip.conf, /etc/uv/uv.toml (Meltano installs plugins with uv) and
# /etc/ssl/certs/ca-certificates.crt mounted for the build only (buildah -v: their contents do not
# stay in the image).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
platform="$root/deployments/04_environments/image"
images="${MELTANODATA_IMAGES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/meltanodata/images}"
# the builder, fetched (once) by the commands that build
tools() {
  tools="$(bash "$here/real-tools.sh" buildah debootstrap)"
  buildah="$tools/buildah"
  mkdir -p "$images"
}
ignore="$platform/Dockerfile.dockerignore"

base_packages="python3,python3-venv,python-is-python3,ca-certificates"
base_suite=bookworm
base_mirror="${MELTANODATA_DEBIAN_MIRROR:-http://deb.debian.org/debian}"

exists() { "$buildah" inspect --type image "$1" >/dev/null 2>&1; }

key() { sha256sum | cut -c1-16; }

base_ref() {
  echo "localhost/meltanodata/debian-python:$base_suite-$(printf '%s\n' "$base_suite" "$base_packages" "$base_mirror" r1 | key)"
}

base() {
  local ref rootfs ctr mnt started
  ref="$(base_ref)"
  tools
  if ! exists "$ref"; then
    started=$SECONDS
    rootfs="$(mktemp -d "$images/rootfs.XXXXXX")"
    trap 'rm -rf "$rootfs"' RETURN
    nice -n 10 "$tools/debootstrap" --variant=minbase --include="$base_packages" "$base_suite" "$rootfs" "$base_mirror" >&2
    rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/cache/apt/archives/*.deb
    ctr="$("$buildah" from scratch)"
    mnt="$("$buildah" mount "$ctr")"
    cp -a "$rootfs/." "$mnt/"
    "$buildah" umount "$ctr" >/dev/null
    "$buildah" config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin --env LANG=C.UTF-8 \
      --cmd python3 --label org.opencontainers.image.description="Debian $base_suite (debootstrap minbase) with $base_packages" "$ctr"
    "$buildah" commit --rm -q "$ctr" "$ref" >/dev/null
    echo "platform-image: built base $ref in $((SECONDS - started)) s" >&2
  fi
  echo "$ref"
}

# options PROJECT_DIR [option]...: the build's inputs, into project, install, commit, labels
options() {
  project="$(cd "$1" && pwd)"
  shift
  while [ $# -gt 0 ]; do
    case "$1" in
      --install) install="$2"; shift 2 ;;
      --commit) commit="$2"; shift 2 ;;
      --label) labels+=("$2"); shift 2 ;;
      *) echo "platform-image: unknown option $1" >&2; return 2 ;;
    esac
  done
}

# The image's reference: a key over the base, the build arguments and labels, this script, every file of the
# Dockerfile's folder and every file of the project that enters the image, as the ignore file says.
# Its patterns are names at the context's root (`.env`) or at any depth (`**/.env`); a pattern this
# does not mirror (another path, an exception) fails rather than key the wrong files.
unmirrored() {
  echo "platform-image: $ignore: '$1' is not a name at the root or at any depth, which the cache key mirrors" >&2
}

image_ref() {
  local at_root=() anywhere=() pattern
  while IFS= read -r pattern || [ -n "$pattern" ]; do
    pattern="$(printf '%s' "$pattern" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//')"
    case "$pattern" in
      '' | '#'*) ;;
      '**/'*) case "${pattern#'**/'}" in
          */* | *'**'*) unmirrored "$pattern"; return 2 ;;
          *) anywhere+=(-o -name "${pattern#'**/'}") ;;
        esac ;;
      */* | *'**'* | '!'*) unmirrored "$pattern"; return 2 ;;
      *) at_root+=(-o -path "./$pattern") ;;
    esac
  done < "$ignore"
  echo "localhost/meltanodata/project:$( {
    printf '%s\n' "$(base_ref)" "$install" "$commit" "${labels[@]}"
    sha256sum < "${BASH_SOURCE[0]}"   # this script's build flags
    (cd "$platform" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
    (cd "$project" && find . \( \( \( -false "${at_root[@]}" \) ! -path './*/*' \) -o \( -false "${anywhere[@]}" \) \) -prune \
      -o -type f -print0 | LC_ALL=C sort -z \
      | xargs -0 -r sha256sum)
  } | key)"
}

build() {
  local project install="" commit=unknown labels=() base ref scratch started args
  options "$@"
  ref="$(image_ref)"
  base="$(base)"
  tools
  if ! exists "$ref"; then
    started=$SECONDS
    scratch="$(mktemp -d)"
    trap 'rm -rf "$scratch"' RETURN
    {
      echo "[global]"
      echo "cert = /etc/ssl/certs/ca-certificates.crt"
      [ -z "${PIP_INDEX_URL:-}" ] || echo "index-url = $PIP_INDEX_URL"
      [ -z "${PIP_EXTRA_INDEX_URL:-}" ] || echo "extra-index-url = $PIP_EXTRA_INDEX_URL"
    } > "$scratch/pip.conf"
    {
      # Meltano installs plugins with uv, which reads no pip.conf: the same index and CA bundle
      echo "native-tls = true"
      [ -z "${PIP_INDEX_URL:-}" ] || echo "index-url = \"$PIP_INDEX_URL\""
      [ -z "${PIP_EXTRA_INDEX_URL:-}" ] || echo "extra-index-url = [\"$PIP_EXTRA_INDEX_URL\"]"
    } > "$scratch/uv.toml"
    args=(--build-context "platform=$platform" -f "$platform/Dockerfile" --ignorefile "$ignore"
      --build-arg "PYTHON_IMAGE=$base" --build-arg "COMMIT=$commit" --build-arg "MELTANO_INSTALL=$install"
      --label "org.opencontainers.image.revision=$commit" --pull=false --isolation chroot
      -v "$scratch/pip.conf:/etc/pip.conf:ro" -v "$scratch/uv.toml:/etc/uv/uv.toml:ro" -v "/etc/ssl/certs/ca-certificates.crt:/etc/ssl/certs/ca-certificates.crt:ro"
      -t "$ref")
    for label in "${labels[@]}"; do args+=(--label "$label"); done
    nice -n 10 "$buildah" bud "${args[@]}" "$project" >&2
    echo "platform-image: built $ref in $((SECONDS - started)) s" >&2
  fi
  echo "$ref"
}

case "${1:-}" in
  base) base ;;
  key) shift; [ $# -ge 1 ] || { echo "usage: $0 key PROJECT_DIR [options]" >&2; exit 2; }
    project="" install="" commit=unknown labels=(); options "$@"; image_ref ;;
  build) shift; [ $# -ge 1 ] || { echo "usage: $0 build PROJECT_DIR [options]" >&2; exit 2; }; build "$@" ;;
  *) echo "usage: $0 base | build PROJECT_DIR [--install \"PLUGIN...\"] [--commit SHA] [--label KEY=VALUE]..." >&2; exit 2 ;;
esac
