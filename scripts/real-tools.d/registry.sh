# The CNCF distribution registry (cmd/registry), an OCI registry that the -Preal suite starts on
# loopback where the project's ECR repository stands: the image is pushed to it as CI pushes it,
# and the digest it returns is what Layer 4 deploys. Built from the Go module proxy.
version=3.1.2

build() {
  local dest="$1"
  GOBIN="$dest/bin" go install -trimpath -ldflags=-s "github.com/distribution/distribution/v3/cmd/registry@v$version"
  "$dest/bin/registry" --version
}
