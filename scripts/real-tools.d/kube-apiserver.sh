# kube-apiserver 1.33 (an EKS-supported minor, with ValidatingAdmissionPolicy GA since 1.30; the
# fabric's default meltanodata:kubernetesVersion): the API server whose RBAC, admission CEL and
# Pod Security judge tenant isolation in the -Preal suite (io.meltanodata.real.kube).
# Built by real-tools.sh's kubernetes_build; kube-controller-manager and kube-scheduler take
# their version from here, so the control plane is always one release.
version=1.33.13
# One job builds the three Kubernetes components in turn, sharing their module and build caches.
cache_group=kubernetes

build() {
  kubernetes_build "$version" kube-apiserver "$1"
}
