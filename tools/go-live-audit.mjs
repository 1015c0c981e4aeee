#!/usr/bin/env node
// The go-live audit in one command, for a consultant before go-live (README "The go-live audit"). It only reads: the
// shop through its Admin API (with the app's own credentials, held by the stack), the Khaos catalogue the channel keeps,
// the stock Khaos reported and the mappings. It writes nothing to the shop or to Khaos.
//
//   node tools/go-live-audit.mjs --api <ops API base URL> [--out <file.csv>]     (OPS_TOKEN: the ops key, or a signed-in
//        user's token) - starts a run through the ops API, waits for it, prints the counts and saves every finding as CSV
//   node tools/go-live-audit.mjs --stack <stack name> [--region <region>]        (AWS credentials that may call
//        cloudformation:DescribeStackResource and lambda:InvokeFunction) - runs it in the stack's reconciliation function
//        and prints the run's id and counts; its findings are then in the console's Audit tab and its CSV
//
// Exit code: 0 when the run finished without blocking findings, 2 when it found blocking ones, 1 when it could not run.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => {
  if (arg.startsWith('--')) pairs.push([arg.slice(2), all[i + 1] && !all[i + 1].startsWith('--') ? all[i + 1] : 'true']);
  return pairs;
}, []));

function fail(message) {
  console.error(`go-live audit: ${message}`);
  process.exit(1);
}

function report(run) {
  const counts = run.countsBySeverity ?? run.findings ?? {};
  console.log(`audit run ${run.id ?? run.audit}: ${run.status}`);
  if (run.status !== 'FINISHED') fail(run.failure || 'the run did not finish');
  console.log(`read ${run.shopProducts} shop products and variants, ${run.khaosItems} Khaos items`);
  for (const severity of ['BLOCKING', 'MONEY', 'STOCK', 'DATA_QUALITY']) {
    console.log(`  ${severity.toLowerCase().replace('_', ' ')}: ${counts[severity] ?? 0}`);
  }
  for (const kind of run.kinds ?? []) {
    if (kind.count > 0) console.log(`    ${kind.kind}: ${kind.count} - ${kind.title} (handbook #${kind.handbook})`);
  }
  return (counts.BLOCKING ?? 0) > 0 ? 2 : 0;
}

async function viaApi(base, token) {
  const api = base.replace(/\/+$/, '');
  const headers = { Authorization: `Bearer ${token}` };
  const started = await fetch(`${api}/ops/api/audit/runs`, { method: 'POST', headers });
  const startedBody = await started.json().catch(() => ({}));
  if (started.status === 409) fail(`another run is under way (${startedBody.id}); try again when it has finished`);
  if (started.status !== 202) fail(`the ops API answered ${started.status}: ${startedBody.error ?? startedBody.failure ?? ''}`);
  const id = startedBody.id;
  const deadline = Date.now() + 15 * 60 * 1000;
  let run;
  do {
    await new Promise((r) => setTimeout(r, 1000));
    const answer = await fetch(`${api}/ops/api/audit/runs/${id}?size=1`, { headers });
    if (answer.status !== 200) fail(`reading run ${id} answered ${answer.status}`);
    run = await answer.json();
  } while (run.status === 'RUNNING' && Date.now() < deadline);
  const code = report(run);
  const csv = await fetch(`${api}/ops/api/audit/runs/${id}.csv`, { headers });
  if (csv.status !== 200) fail(`the findings' CSV answered ${csv.status}`);
  const zipped = (csv.headers.get('content-type') ?? '').includes('gzip');
  const out = args.out ?? `${id}.csv${zipped ? '.gz' : ''}`;
  writeFileSync(out, Buffer.from(await csv.arrayBuffer()));
  console.log(`every finding: ${out}`);
  return code;
}

function viaStack(stack, region) {
  // one attempt: a retried invocation would start a second audit (the function runs one at a time; a busy one says so)
  const aws = (...more) => execFileSync('aws', [...more, ...(region ? ['--region', region] : [])],
    { encoding: 'utf8', env: { ...process.env, AWS_MAX_ATTEMPTS: '1' } });
  const fn = JSON.parse(aws('cloudformation', 'describe-stack-resource', '--stack-name', stack, '--logical-resource-id',
    'ReconciliationFunction', '--output', 'json')).StackResourceDetail.PhysicalResourceId;
  const payload = JSON.stringify({ audit: 'now', by: `consultant ${process.env.USER ?? ''}`.trim() });
  const out = `/tmp/go-live-audit-${process.pid}.json`;
  aws('lambda', 'invoke', '--function-name', `${fn}:live`, '--cli-binary-format', 'raw-in-base64-out', '--payload', payload,
    '--cli-read-timeout', '960', out);
  const run = JSON.parse(execFileSync('cat', [out], { encoding: 'utf8' }));
  if (run.errorMessage) fail(run.errorMessage);
  const code = report(run);
  console.log(`every finding: the console's Audit tab, or GET /ops/api/audit/runs/${run.audit}.csv`);
  return code;
}

if (args.api) {
  if (!process.env.OPS_TOKEN) fail('set OPS_TOKEN to the ops key (sandbox: the README\'s) or a signed-in user\'s token');
  process.exit(await viaApi(args.api, process.env.OPS_TOKEN));
} else if (args.stack) {
  process.exit(viaStack(args.stack, args.region));
} else {
  fail('say where: --api <ops API base URL> (with OPS_TOKEN) or --stack <stack name>');
}
