# kube-controller-manager, the release of the kube-apiserver recipe: the Deployment, ReplicaSet,
# Job, CronJob, endpoint, ResourceQuota, garbage-collector and namespace controllers of the
# -Preal control plane (io.meltanodata.real.kube.ControlPlane).
version="$(source "$here/real-tools.d/kube-apiserver.sh" && echo "$version")"

cache_group=kubernetes

build() {
  kubernetes_build "$version" kube-controller-manager "$1"
}
