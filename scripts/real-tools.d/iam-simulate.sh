# @cloud-copilot/iam-simulate, a maintained AWS IAM policy evaluation engine (npm), pinned with its
# dependencies by meltanodata-cli/src/test/iam-simulate/package-lock.json. The tool is `iam-simulate`:
# node with the engine on NODE_PATH, running the driver it is given (the tests pass simulate.cjs).
version=0.1.173

build() {
  local dest="$1" pin="$here/../meltanodata-cli/src/test/iam-simulate"
  cp "$pin/package.json" "$pin/package-lock.json" "$dest/"
  (cd "$dest" && npm ci --no-audit --no-fund --ignore-scripts)
  cat > "$dest/bin/iam-simulate" <<'WRAPPER'
#!/usr/bin/env bash
# node with the pinned IAM engine on NODE_PATH: iam-simulate <driver.cjs> [args...]
home="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
NODE_PATH="$home/node_modules" exec node "$@"
WRAPPER
  chmod +x "$dest/bin/iam-simulate"
}
