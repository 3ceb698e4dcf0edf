# The Kubernetes provider, applying the layers' Kubernetes objects to the suite's kube-apiserver.
# Pinned to the release commit the module proxy serves (provider/v4 has no semver tags of its
# own). Its go.mod replaces sdk/v4 with ../sdk, so a wrapper module requires both; its main
# package embeds schema-embed.json, which upstream's `go generate` (generate.go: schema.json
# stamped with the version) writes and the module zip lacks, so the build copies the command's
# folder from the module cache, runs that generator, and builds it inside the wrapper.
# The engine wants a plugin version >= the SDK's 4.0.0: the pseudo-version (a prerelease of
# 4.0.0) would not do, so the binary reports the release this commit precedes by a day, 4.25.0.
module_version=v4.0.0-20260115033456-f47bc2d6f199
version=4.25.0-dev.20260115+f47bc2d6f199
# What the provider's go.mod requires: sdk/v4 (its own ../sdk upstream) and the pulumi SDKs it was
# built against; a newer sdk/v4 would pull a newer pulumi sdk/v3 than its pkg/v3 compiles with.
sdk_version=4.24.0
pulumi_version=3.215.0

build() {
  local dest="$1" module=github.com/pulumi/pulumi-kubernetes/provider/v4
  go_wrapper_module pulumi-resource-kubernetes 1.26 "$module/pkg/provider" <<MOD
require (
	$module $module_version
	github.com/pulumi/pulumi-kubernetes/sdk/v4 v$sdk_version
	github.com/pulumi/pulumi/pkg/v3 v$pulumi_version
	github.com/pulumi/pulumi/sdk/v3 v$pulumi_version
)
MOD
  go mod tidy -e
  local src
  src="$(go list -m -f '{{.Dir}}' "$module")/cmd/pulumi-resource-kubernetes"
  mkdir -p cmd/pulumi-resource-kubernetes
  cp "$src"/main.go "$src"/generate.go "$src"/schema.json "$src"/terraform-mapping.json cmd/pulumi-resource-kubernetes/
  chmod -R u+w cmd
  go mod tidy -e
  (cd cmd/pulumi-resource-kubernetes && VERSION="$version" go run generate.go)
  go build -trimpath -o "$dest/bin/pulumi-resource-kubernetes" \
    -ldflags "-s -w -X $module/pkg/version.Version=$version" ./cmd/pulumi-resource-kubernetes
}
