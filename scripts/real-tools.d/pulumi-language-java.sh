# The Pulumi Java language host: the CLI finds it on PATH and runs each layer through it
# (`./mvnw compile exec:java`, or the jar of runtime.options.binary).
# v1.17.0 is the newest release of the host's Go module that the module proxy serves; the host
# only runs Maven or java and speaks the language-host protocol, so it runs the 1.36.x Java SDK.
version=1.17.0
module_hash=h1:QjuZuUL95XXdT9YT/A74AgNt1nn6KpZXT3irkUV1sAg=
gomod_hash=h1:DHpS/gOv1rFWAxu1lcoLKCZzBSEqXDOxPGVUMfcFzLw=

build() {
  local dest="$1"
  go_wrapper_module pulumi-language-java 1.26 github.com/pulumi/pulumi-java/pkg/cmd/pulumi-language-java <<MOD
require github.com/pulumi/pulumi-java/pkg v$version

replace github.com/Sirupsen/logrus => github.com/sirupsen/logrus v1.5.0

replace github.com/gogo/protobuf => github.com/gogo/protobuf v1.3.2
MOD
  # The checksum database has no record of this module, so its hashes are pinned here instead
  # (go verifies the download against go.sum and then needs no lookup).
  cat > go.sum <<SUM
github.com/pulumi/pulumi-java/pkg v$version $module_hash
github.com/pulumi/pulumi-java/pkg v$version/go.mod $gomod_hash
SUM
  GONOSUMDB=github.com/pulumi/pulumi-java go mod tidy -e
  go build -trimpath -o "$dest/bin/pulumi-language-java" \
    -ldflags "-s -w -X github.com/pulumi/pulumi-java/pkg/version.Version=$version" \
    github.com/pulumi/pulumi-java/pkg/cmd/pulumi-language-java
}
