# Karpenter (sigs.k8s.io/karpenter) with its KWOK cloud provider (the module's kwok/ main), built
# as karpenter-kwok (KWOK's own controller is also called kwok). EKS Auto Mode is managed
# Karpenter; this provider "launches" a NodeClaim by creating a Node that KWOK then runs.
# v1.6.4: Karpenter 1.6 supports Kubernetes 1.33 (the kube-apiserver recipe) and is built on its
# client libraries (k8s.io/api v0.33); its go line (1.26.4) is met by the local toolchain.
# Beside bin/, crds/ holds the CRDs the provider needs (NodePool, NodeClaim, KWOKNodeClass),
# copied from the same module version, for the test fixture to apply.
version=1.6.4

build() {
  local dest="$1" module=sigs.k8s.io/karpenter dir
  go_wrapper_module karpenter-kwok 1.26.4 "$module/kwok" <<MOD
require $module v$version
MOD
  go mod tidy -e
  go build -trimpath -ldflags "-s -w" -o "$dest/bin/karpenter-kwok" "$module/kwok"
  dir="$(go list -m -f '{{.Dir}}' "$module")"
  mkdir -p "$dest/crds"
  cp "$dir"/kwok/charts/crds/*.yaml "$dir"/kwok/apis/crds/*.yaml "$dest/crds/"
  ls "$dest/crds"
}
