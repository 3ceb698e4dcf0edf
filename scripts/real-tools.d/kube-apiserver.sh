# kube-apiserver 1.33 (an EKS-supported minor, with ValidatingAdmissionPolicy GA since 1.30; the
# fabric's default meltanodata:kubernetesVersion): the API server whose RBAC, admission CEL and
# Pod Security judge tenant isolation in the -Preal suite (io.meltanodata.real.kube).
# k8s.io/kubernetes's go.mod requires its staging modules (k8s.io/api, k8s.io/apiserver, ...)
# at v0.0.0 and replaces them with ./staging folders, so a throwaway wrapper module requires it
# and replaces each of those with its published v0.<minor>.<patch>.
version=1.33.13

build() {
  local dest="$1" staging="v0.${version#1.}" gomod m
  gomod="$(go mod download -json "k8s.io/kubernetes@v$version" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')"
  {
    echo "module meltanodata.local/kube-apiserver-build"
    echo
    echo "go $(sed -n 's/^go //p' "$gomod")"
    echo
    echo "require k8s.io/kubernetes v$version"
    echo
    # the staging modules: required at exactly v0.0.0
    for m in $(awk '$1 ~ /^k8s\.io\// && $2 == "v0.0.0" {print $1}' "$gomod"); do
      echo "replace $m => $m $staging"
    done
  } > go.mod
  cat go.mod
  go get "k8s.io/kubernetes/cmd/kube-apiserver@v$version"
  local pkg=k8s.io/component-base/version
  go build -trimpath -o "$dest/bin/kube-apiserver" -ldflags "-s -w \
      -X $pkg.gitVersion=v$version -X $pkg.gitMajor=1 -X $pkg.gitMinor=$(echo "$version" | cut -d. -f2) \
      -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z" \
    k8s.io/kubernetes/cmd/kube-apiserver
  "$dest/bin/kube-apiserver" --version
}
