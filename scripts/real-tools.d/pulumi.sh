# The Pulumi CLI (engine, local file backend, Automation API target).
# Upstream go.mod has `replace` lines, so `go install ...@version` refuses it: a throwaway wrapper
# module requires pkg/v3 and sdk/v3 at the same version and repeats the replace that changes code.
# Pinned to match pulumi-language-java 1.17.0, the newest Java language host the module proxy
# serves: that host reads runtime options (Pulumi.yaml's `options: binary:`) only from its command
# line, and CLIs up to v3.208.0 pass them there (v3.209.0 sends them only in each request,
# pulumi/pulumi#21054, which hosts read from pulumi-java#1947 on). With a newer CLI the host
# silently ignores `binary` and runs Maven. v3.208.0's pkg module does not build against its own
# published sdk module (language.Template is missing), so the CLI is the release before it.
version=3.207.0

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
