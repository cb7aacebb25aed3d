#!/usr/bin/env node
// Compiles src/ to dist/ and copies the files the service reads at run time (the demo plan).
//   node scripts/build.mjs            build now
//   node scripts/build.mjs --if-stale build only when a source is newer than the last build
//                                     (what `npm start`, `npm run cli` and the luoshi bin use)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const STAMP = 'dist/.build-stamp';
const INPUTS = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted or renamed file changes its directory
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when dist/ was built after every input last changed. */
export function isFresh(root) {
  const stamp = join(root, STAMP);
  if (!existsSync(stamp)) return false;
  const built = statSync(stamp).mtimeMs;
  return INPUTS.every((input) => newestMtime(join(root, input)) <= built);
}

/** Builds into root/dist; returns false when the compiler failed. */
export function build(root) {
  // The stamp is written before compiling: an edit made while tsc runs makes the next call rebuild.
  const startedAt = new Date();
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (tsc.status !== 0) return false;
  mkdirSync(join(root, 'dist/demo/assets'), { recursive: true });
  cpSync(join(root, 'src/demo/assets'), join(root, 'dist/demo/assets'), { recursive: true });
  // The Office parser's worker is plain JS, run from src/ by tests and from dist/ by the service.
  cpSync(join(root, 'src/common/office/office-parse.worker.mjs'), join(root, 'dist/common/office/office-parse.worker.mjs'));
  writeFileSync(join(root, STAMP), `${startedAt.toISOString()}\n`);
  utimesSync(join(root, STAMP), startedAt, startedAt);
  return true;
}

export function buildIfStale(root) {
  if (isFresh(root)) return true;
  process.stderr.write('building dist/ (sources changed since the last build)…\n');
  return build(root);
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const ok = process.argv.includes('--if-stale') ? buildIfStale(root) : build(root);
  process.exit(ok ? 0 : 1);
}
