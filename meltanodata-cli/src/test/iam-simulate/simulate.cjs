// Evaluates IAM requests with @cloud-copilot/iam-simulate (strict mode) and prints one decision per request.
// stdin:  [{"id": "...", "simulation": <the engine's Simulation object>}, ...]
// stdout: [{"id": "...", "result": "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied" | "Error", "detail": "..."}, ...]
// The requests, principals and policies are built by the Java test (io.meltanodata.real.IamMatrixIT); nothing is decided here.
'use strict';
const { runSimulation } = require('@cloud-copilot/iam-simulate');

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const requests = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const decisions = [];
  for (const { id, simulation } of requests) {
    const outcome = await runSimulation(simulation, { simulationMode: 'Strict' });
    if (outcome.resultType === 'error') {
      decisions.push({ id, result: 'Error', detail: JSON.stringify(outcome.errors) });
    } else {
      decisions.push({ id, result: outcome.overallResult, detail: '' });
    }
  }
  process.stdout.write(JSON.stringify(decisions));
}

main().catch((e) => { console.error('simulate.cjs: ' + (e && e.stack || e)); process.exit(1); });
