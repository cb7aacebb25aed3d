#!/usr/bin/env node
// Compiles src/ to dist/ and copies the files the service reads at run time (the demo plan).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';

const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
mkdirSync('dist/demo/assets', { recursive: true });
cpSync('src/demo/assets', 'dist/demo/assets', { recursive: true });
// The Office parser's worker is plain JS, run from src/ by tests and from dist/ by the service.
cpSync('src/common/office/office-parse.worker.mjs', 'dist/common/office/office-parse.worker.mjs');
