#!/usr/bin/env node
// The operators' command (`luoshi <command>`, `npx luoshi …`): builds dist/ only when src/ changed
// since the last build, then runs the CLI.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildIfStale } from '../scripts/build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (!buildIfStale(root, { web: false })) process.exit(1);
const { main } = await import(pathToFileURL(join(root, 'dist/cli.js')).href);
await main(process.argv.slice(2));
