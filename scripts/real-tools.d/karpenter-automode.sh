# Karpenter (sigs.k8s.io/karpenter) with its KWOK cloud provider (the module's kwok/ main), made to
# speak EKS Auto Mode's API, built as karpenter-automode. EKS Auto Mode is managed Karpenter; this
# provider "launches" a NodeClaim by creating a Node that KWOK (kwok.sh) then runs.
# v1.6.4: Karpenter 1.6 supports Kubernetes 1.33 (the kube-apiserver recipe) and is built on its
# client libraries (k8s.io/api v0.33); its go line (1.26.4) is met by the local toolchain.
#
# Upstream, the provider launches only from its own KWOKNodeClass (karpenter.kwok.sh/v1alpha1) and
# labels nodes karpenter.kwok.sh/instance-*, so a NodePool as Layer 1 and 2 render it (nodeClassRef
# eks.amazonaws.com/NodeClass, requirement eks.amazonaws.com/instance-category) would be ignored.
# The provider's four packages (main, apis, apis/v1alpha1, cloudprovider, options: 12 files) are
# copied into this wrapper module and changed in exactly three places, nothing in Karpenter's core:
#   1. its API group karpenter.kwok.sh becomes eks.amazonaws.com, version v1, and its node class
#      type is registered as kind NodeClass (Auto Mode's): Karpenter manages a NodePool whose
#      nodeClassRef is eks.amazonaws.com/NodeClass and reads that NodeClass's Ready condition;
#      nodes get Auto Mode's eks.amazonaws.com/nodeclass label;
#   2. the instance label keys follow the group; instance-family becomes instance-category (KWOK's
#      families c, m, s are categories in EC2's naming), instance-cpu/-memory/-size keep their names;
#   3. the built-in catalogue keeps only its Linux types (72 of 144): Auto Mode launches only
#      Bottlerocket (Linux) nodes.
# Beside bin/, crds/ holds Karpenter's NodePool and NodeClaim CRDs from the same module version.
version=1.6.4

build() {
  local dest="$1" module=sigs.k8s.io/karpenter dir local=meltanodata.local/karpenter-automode
  go_wrapper_module karpenter-automode 1.26.4 "$module/kwok" <<MOD
require $module v$version
MOD
  go mod tidy -e
  dir="$(go list -m -f '{{.Dir}}' "$module")"
  mkdir -p provider
  cp -r "$dir"/kwok/main.go "$dir"/kwok/apis "$dir"/kwok/cloudprovider "$dir"/kwok/options provider/
  chmod -R u+w provider
  find provider -name '*_test.go' -delete
  grep -rl 'sigs.k8s.io/karpenter/kwok/' provider | xargs sed -i "s#\"sigs.k8s.io/karpenter/kwok/#\"$local/provider/#"
  # 1. group, version, kind
  sed -i 's#^\tGroup = "karpenter.kwok.sh"$#\tGroup = "eks.amazonaws.com"#' provider/apis/apis.go
  cat > provider/apis/v1alpha1/doc.go <<'GO'
// Package v1alpha1 keeps its upstream name; its types are served as EKS Auto Mode's NodeClass.
// +groupName=eks.amazonaws.com
package v1alpha1

import (
	v1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/kubernetes/scheme"

	"meltanodata.local/karpenter-automode/provider/apis"
)

func init() {
	gv := schema.GroupVersion{Group: apis.Group, Version: "v1"}
	v1.AddToGroupVersion(scheme.Scheme, gv)
	scheme.Scheme.AddKnownTypeWithName(gv.WithKind("NodeClass"), &KWOKNodeClass{})
	scheme.Scheme.AddKnownTypeWithName(gv.WithKind("NodeClassList"), &KWOKNodeClassList{})
}
GO
  # 2. label keys
  sed -i 's#apis.Group + "/instance-family"#apis.Group + "/instance-category"#' provider/apis/v1alpha1/labels.go
  # 3. Linux only
  python3 - provider/cloudprovider/instance_types.json <<'PY'
import json, sys
path = sys.argv[1]
types = [t for t in json.load(open(path)) if t["operatingSystems"] == ["linux"]]
assert len(types) == 72, len(types)
json.dump(types, open(path, "w"), indent=4)
PY
  grep -n 'Group = \|instance-category' provider/apis/apis.go provider/apis/v1alpha1/labels.go
  go build -trimpath -ldflags "-s -w" -o "$dest/bin/karpenter-automode" ./provider
  mkdir -p "$dest/crds"
  cp "$dir"/kwok/charts/crds/*.yaml "$dest/crds/"
  ls "$dest/crds"
}
