# debootstrap, which makes the Debian root filesystem the -Preal suite uses as the platform image's
# base (the pinned python:*-slim base cannot be pulled here): Debian bookworm's package, fetched
# with `apt-get download` and unpacked into the tool cache (it is a shell script and its suite
# scripts; DEBOOTSTRAP_DIR points it at them). Runs as root, like `buildah`.
debootstrap_version=1.0.128+nmu2+deb12u2
recipe_revision=1
version="$debootstrap_version-r$recipe_revision"

build() {
  local dest="$1"
  debian_packages debootstrap "$dest" "debootstrap=$debootstrap_version"
  cat > "$dest/bin/debootstrap" <<'SH'
#!/bin/sh
dir="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
export DEBOOTSTRAP_DIR="$dir/root/usr/share/debootstrap"
exec "$dir/root/usr/sbin/debootstrap" "$@"
SH
  chmod +x "$dest/bin/debootstrap"
  "$dest/bin/debootstrap" --version
}
