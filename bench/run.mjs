#!/usr/bin/env node
// `npm run bench -- [name] [args…]`: runs bench/<name>.bench.mjs, or every benchmark, after a build.
// Benchmarks print their figures; they are never part of `npm test`, except as a smoke run:
// `npm run bench -- --smoke [name]` runs each with small sizes (BENCH_SMOKE=1), stops one that
// runs past BENCH_TIMEOUT_SECONDS (default 120 in a smoke run), and exits 1 if any threw or hung
// (test/e2e/bench-smoke.e2e-spec.ts does this in `npm test`).
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const smoke = args[0] === '--smoke';
if (smoke) args.shift();
const wanted = args[0]?.startsWith('-') ? undefined : args[0];
const all = readdirSync(new URL('.', import.meta.url))
  .filter((f) => f.endsWith('.bench.mjs'))
  .sort();
const chosen = wanted ? all.filter((f) => f.startsWith(wanted)) : all;
if (chosen.length === 0) {
  console.error(`no benchmark named ${wanted}; have: ${all.map((f) => f.replace('.bench.mjs', '')).join(', ')}`);
  process.exit(2);
}
const timeoutSeconds = Number(process.env.BENCH_TIMEOUT_SECONDS ?? (smoke ? 120 : 0));
const env = smoke ? { ...process.env, BENCH_SMOKE: '1' } : process.env;
const failed = [];
for (const file of chosen) {
  console.log(`\n== ${file}${smoke ? ' (smoke)' : ''}`);
  const t0 = performance.now();
  // SIGTERM on timeout: each bench's exit handler then ends the processes it started.
  const r = spawnSync(process.execPath, [new URL(file, import.meta.url).pathname, ...args.slice(wanted ? 1 : 0)], {
    stdio: 'inherit',
    env,
    timeout: timeoutSeconds > 0 ? timeoutSeconds * 1000 : undefined,
    killSignal: 'SIGTERM',
  });
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  if (r.error?.code === 'ETIMEDOUT' || r.signal)
    failed.push(`${file}: stopped after ${seconds} s (${r.signal ?? 'timeout'})`);
  else if (r.status !== 0) failed.push(`${file}: exit ${r.status} after ${seconds} s`);
  else console.log(`== ${file}: done in ${seconds} s`);
}
if (failed.length) console.log(`\n${failed.length} of ${chosen.length} benchmarks failed:\n  ${failed.join('\n  ')}`);
process.exit(failed.length ? 1 : 0);
