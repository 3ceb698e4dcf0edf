# KWOK's controller (sigs.k8s.io/kwok, cmd/kwok): simulated kubelets. It takes over the nodes
# Karpenter's KWOK provider creates (annotation kwok.x-k8s.io/node=fake), keeps them Ready with
# leases, and walks their pods through a real lifecycle (scheduled -> Running -> deleted).
# v0.7.0 is built on the Kubernetes 1.33 client libraries, the kube-apiserver recipe's release.
# Its go.mod has no `replace` lines, so `go install ...@version` builds it.
version=0.7.0

build() {
  local dest="$1"
  GOBIN="$dest/bin" go install -trimpath \
    -ldflags "-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=$version" "sigs.k8s.io/kwok/cmd/kwok@v$version"
  "$dest/bin/kwok" --version
}
