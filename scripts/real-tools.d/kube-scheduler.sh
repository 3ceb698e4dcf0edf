# kube-scheduler, the release of the kube-apiserver recipe: it places the -Preal control plane's
# pods on the simulated nodes Karpenter creates (io.meltanodata.real.kube.ControlPlane).
version="$(source "$here/real-tools.d/kube-apiserver.sh" && echo "$version")"

cache_group=kubernetes

build() {
  kubernetes_build "$version" kube-scheduler "$1"
}
