# runc, an OCI runtime, to run the platform's image the way a node's container runtime runs a pod's
# container: the image's root filesystem (buildah mounts it) read-only, the rendered volumes mounted
# at their paths, the rendered user, no capabilities, no new privileges. Debian bookworm's package,
# fetched with `apt-get download` and unpacked into the tool cache (it needs no library the host
# lacks). Runs as root. (Debian's crun 1.8 refuses these machines' hybrid cgroup v1/v2 hierarchy:
# "cgroups in hybrid mode not supported, drop all controllers from cgroupv2"; runc handles it.)
runc_version=1.1.5+ds1-1+deb12u1
recipe_revision=1
version="$runc_version-r$recipe_revision"

build() {
  local dest="$1"
  debian_packages runc "$dest" "runc=$runc_version"
  ln -s ../root/usr/sbin/runc "$dest/bin/runc"
  "$dest/bin/runc" --version
}
