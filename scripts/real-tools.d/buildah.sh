# buildah, the daemonless image builder and runner (no Docker engine here): Debian bookworm's
# package and the libraries the host lacks, fetched from the Debian index with `apt-get download`
# and unpacked with `dpkg -x` into the tool cache, so the machine itself is not changed. (A fresh
# machine could instead `apt-get install -y buildah` as root; the same flags below then apply.)
# The launcher runs it with vfs storage (no fuse-overlayfs, no overlay mount) in
# ${MELTANODATA_IMAGES_CACHE:-~/.cache/meltanodata/images}/storage, outside any checkout, and with
# the package's own policy.json/registries.conf (the host has no /etc/containers): containers/image
# reads them from $HOME/.config/containers, so the launcher gives buildah a HOME in the tool dir.
# RUN steps and `buildah run` use --isolation chroot (no OCI runtime needed: crun/runc are not
# fetched). Needs root (as the -Preal suite runs here); rootless would need newuidmap and subuids.
# The libraries are found through an absolute RUNPATH (the tool's final folder: real-tools.sh builds
# in <dest>.partial and renames it) set with Debian's patchelf, fetched the same way and used at
# build time only: buildah re-executes itself for RUN steps (buildah-chroot-runtime) with a clean
# environment and not from its own path, so neither LD_LIBRARY_PATH nor $ORIGIN reaches it.
buildah_version=1.28.2+ds1-3+deb12u1+b3
recipe_revision=3
version="$buildah_version-r$recipe_revision"

build() {
  local dest="$1"
  # buildah's own dependencies that a bookworm host without containers tooling lacks
  debian_packages buildah "$dest" "buildah=$buildah_version" golang-github-containers-common golang-github-containers-image \
    libgpgme11 libassuan0 libdevmapper1.02.1 libseccomp2
  mkdir -p patchelf
  (cd patchelf && apt-get download patchelf && dpkg -x ./patchelf_*.deb .)
  patchelf/usr/bin/patchelf --set-rpath "${dest%.partial}/root/usr/lib/x86_64-linux-gnu" "$dest/root/usr/bin/buildah"
  mkdir -p "$dest/home/.config/containers"
  cp "$dest/root/etc/containers/policy.json" "$dest/home/.config/containers/policy.json"
  cat > "$dest/home/.config/containers/registries.conf" <<'CONF'
# No registry is searched for short names: every image is named in full (localhost/..., 127.0.0.1:<port>/...).
unqualified-search-registries = []
CONF
  cat > "$dest/bin/buildah" <<'SH'
#!/bin/sh
# buildah from the tool cache: vfs storage outside the checkout, the package's policy and registries.
dir="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
images="${MELTANODATA_IMAGES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/meltanodata/images}"
mkdir -p "$images/storage" "$images/runroot"
export HOME="$dir/home"
export CONTAINERS_CONF="$dir/root/usr/share/containers/containers.conf"
export BUILDAH_ISOLATION="${BUILDAH_ISOLATION:-chroot}" STORAGE_DRIVER=vfs
exec "$dir/root/usr/bin/buildah" --root "$images/storage" --runroot "$images/runroot" --storage-driver vfs "$@"
SH
  chmod +x "$dest/bin/buildah"
  LD_LIBRARY_PATH="$dest/root/usr/lib/x86_64-linux-gnu" "$dest/bin/buildah" --version
}
