# etcd, the version Kubernetes 1.33's go.mod pins (go.etcd.io/etcd/*/v3 v3.5.21): the store
# behind the kube-apiserver of the tenant-isolation suite. The module's go.mod replaces its
# sibling modules with local folders, so `go install ...@version` refuses it; a throwaway
# wrapper module requires it instead and the siblings resolve to their published versions.
version=3.5.21

build() {
  local dest="$1"
  cat > go.mod <<MOD
module meltanodata.local/etcd-build

go 1.23.0

require go.etcd.io/etcd/server/v3 v$version
MOD
  go mod download go.etcd.io/etcd/server/v3
  go mod tidy -e >/dev/null 2>&1 || true
  go get go.etcd.io/etcd/server/v3@v$version
  go build -trimpath -ldflags=-s -o "$dest/bin/etcd" go.etcd.io/etcd/server/v3
  "$dest/bin/etcd" --version
}
