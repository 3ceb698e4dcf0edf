# kube-scheduler, the release of the kube-apiserver recipe: it places the -Preal control plane's
# pods on the simulated nodes Karpenter creates (io.meltanodata.real.kube.ControlPlane).
version="$(source "$here/real-tools.d/kube-apiserver.sh" && echo "$version")"

build() {
  kubernetes_build "$version" kube-scheduler "$1"
}
