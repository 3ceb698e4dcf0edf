# The Pulumi CLI (engine, local file backend, Automation API target).
# Upstream go.mod has `replace` lines, so `go install ...@version` refuses it: a throwaway wrapper
# module requires pkg/v3 and sdk/v3 at the same version and repeats the replace that changes code.
version=3.274.1

build() {
  local dest="$1"
  go_wrapper_module pulumi-cli 1.26 github.com/pulumi/pulumi/pkg/v3/cmd/pulumi <<MOD
require (
	github.com/pulumi/pulumi/pkg/v3 v$version
	github.com/pulumi/pulumi/sdk/v3 v$version
)

replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e
MOD
  go mod tidy -e
  go build -trimpath -o "$dest/bin/pulumi" \
    -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$version" \
    github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
  "$dest/bin/pulumi" version
}
