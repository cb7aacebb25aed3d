#!/usr/bin/env node
// Compiles src/ to dist/ and copies the files the service reads at run time (the demo plan, the
// Office parser's worker); builds the web app (web/ → dist/client/ with Vite) when it is missing
// or older than its sources.
//   node scripts/build.mjs            build the service now (and the web app when stale)
//   node scripts/build.mjs --if-stale build only what is older than its sources
//                                     (what `npm start`, `npm run cli` and the luoshi bin use)
//   node scripts/build.mjs --web      rebuild the web app even when it looks fresh
//   --no-web                          leave the web app alone (the command line does not need it)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const STAMP = 'dist/.build-stamp';
const INPUTS = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];
const WEB_INDEX = 'dist/client/index.html';
// The app's own sources and the lockfile; the service's files it imports are listed by its build.
const WEB_INPUTS = ['web', 'package-lock.json'];

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

/** The service's files the app's bundle took in, as the last web build listed them (web/vite.config.ts). */
const WEB_SOURCES_LIST = 'dist/.web-sources.json';

export function webIsFresh(root) {
  const index = join(root, WEB_INDEX);
  const list = join(root, WEB_SOURCES_LIST);
  if (!existsSync(index) || !existsSync(list)) return false;
  const built = statSync(index).mtimeMs;
  const sources = JSON.parse(readFileSync(list, 'utf8'));
  return [...WEB_INPUTS, ...sources].every((input) => {
    const path = join(root, input);
    return existsSync(path) && newestMtime(path) <= built;
  });
}

/** Builds the web app with Vite and writes precompressed copies (served by src/web/serve-web-app.ts). */
export function buildWeb(root) {
  if (process.env.LUOSHI_SKIP_WEB_BUILD === '1') return true;
  process.stderr.write('building the web app (web/ → dist/client/)…\n');
  const vite = spawnSync(
    process.execPath,
    [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (vite.status !== 0) return false;
  const compress = (dir) => {
    for (const entry of readdirSync(dir)) {
      const file = join(dir, entry);
      if (statSync(file).isDirectory()) compress(file);
      else if (/\.(js|css|html|svg|json)$/.test(entry)) {
        const data = readFileSync(file);
        writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
        writeFileSync(`${file}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
    }
  };
  compress(join(root, 'dist/client'));
  return true;
}

/** Builds the service into root/dist; returns false when the compiler failed. */
export function build(root) {
  // The stamp is written before compiling: an edit made while tsc runs makes the next call rebuild.
  const startedAt = new Date();
  const tsc = spawnSync(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (tsc.status !== 0) return false;
  mkdirSync(join(root, 'dist/demo/assets'), { recursive: true });
  cpSync(join(root, 'src/demo/assets'), join(root, 'dist/demo/assets'), { recursive: true });
  // The Office parser's worker is plain JS, run from src/ by tests and from dist/ by the service.
  cpSync(
    join(root, 'src/common/office/office-parse.worker.mjs'),
    join(root, 'dist/common/office/office-parse.worker.mjs'),
  );
  writeFileSync(join(root, STAMP), `${startedAt.toISOString()}\n`);
  utimesSync(join(root, STAMP), startedAt, startedAt);
  return true;
}

/** The command line needs no web app: `web: false` skips it. */
export function buildIfStale(root, { web = true } = {}) {
  if (!isFresh(root)) {
    process.stderr.write('building dist/ (sources changed since the last build)…\n');
    if (!build(root)) return false;
  }
  return !web || webIsFresh(root) || buildWeb(root);
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const args = process.argv.slice(2);
  let ok;
  if (args.includes('--web')) ok = buildWeb(root);
  else if (args.includes('--if-stale')) ok = buildIfStale(root, { web: !args.includes('--no-web') });
  else ok = build(root) && (args.includes('--no-web') || webIsFresh(root) || buildWeb(root));
  process.exit(ok ? 0 : 1);
}
