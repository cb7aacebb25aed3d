#!/usr/bin/env node
// `npm run bench -- [name]`: runs bench/<name>.bench.mjs, or every benchmark, after a build.
// Benchmarks print their figures; they are never part of `npm test`.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const wanted = process.argv[2];
const all = readdirSync(new URL('.', import.meta.url)).filter((f) => f.endsWith('.bench.mjs')).sort();
const chosen = wanted ? all.filter((f) => f.startsWith(wanted)) : all;
if (chosen.length === 0) {
  console.error(`no benchmark named ${wanted}; have: ${all.map((f) => f.replace('.bench.mjs', '')).join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const file of chosen) {
  console.log(`\n== ${file}`);
  const r = spawnSync(process.execPath, [new URL(file, import.meta.url).pathname, ...process.argv.slice(3)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
