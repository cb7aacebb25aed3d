/**
 * The direction of imports between the top-level modules of src/, as docs/architecture.md draws it.
 * A new edge fails here: either it belongs (add it to ALLOWED and to the document) or the code should
 * ask the owning module's service through an exported method instead.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Who may import whom. Foundation first, then the domain in the order data flows. */
const ALLOWED: Record<string, string[]> = {
  config: ['common'],
  common: ['config', 'database'],
  database: ['common', 'config'],
  scheduling: ['common', 'config', 'database'],
  cli: ['common', 'config', 'database', 'plans', 'units'],
  access: ['accounts', 'common', 'config', 'database'],
  accounts: ['access', 'audit', 'cli', 'committees', 'common', 'config', 'database', 'notifications', 'units'],
  audit: ['access', 'committees', 'common', 'database'],
  health: ['access'],
  web: [],
  committees: ['access', 'common', 'config', 'database'],
  units: ['access', 'committees', 'common', 'database'],
  plans: ['access', 'audit', 'cli', 'committees', 'common', 'config', 'database', 'units'],
  duties: ['access', 'audit', 'cli', 'committees', 'common', 'config', 'database', 'plans', 'units'],
  supervision: ['access', 'cli', 'committees', 'common', 'config', 'database', 'duties', 'plans', 'units'],
  notifications: [
    'access',
    'cli',
    'committees',
    'common',
    'config',
    'database',
    'duties',
    'plans',
    'scheduling',
    'supervision',
    'units',
  ],
  reports: [
    'access',
    'cli',
    'committees',
    'common',
    'config',
    'database',
    'duties',
    'notifications',
    'plans',
    'supervision',
    'units',
  ],
  calendar: ['access', 'accounts', 'audit', 'cli', 'committees', 'common', 'config', 'database', 'duties', 'units'],
  demo: ['access', 'accounts', 'cli', 'committees', 'common', 'config', 'duties', 'notifications', 'plans', 'units'],
};

/** database/entities.ts and migrations list every module's entities: the one registry allowed to. */
const ENTITY_REGISTRY = new Set(['database/entities.ts', 'database/generate-migration.ts']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === '__tests__' ? [] : files(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

function edges(): Map<string, Map<string, string>> {
  const modules = readdirSync(SRC).filter((n) => n !== '__tests__' && statSync(join(SRC, n)).isDirectory());
  const found = new Map<string, Map<string, string>>();
  for (const module of modules) {
    const targets = new Map<string, string>();
    for (const file of files(join(SRC, module))) {
      const rel = relative(SRC, file).split(sep).join('/');
      for (const [, spec] of readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
        const target = relative(SRC, normalize(join(dirname(file), spec))).split(sep)[0];
        if (target === module || !modules.includes(target)) continue;
        if (ENTITY_REGISTRY.has(rel)) continue;
        if (!targets.has(target)) targets.set(target, rel);
      }
    }
    found.set(module, targets);
  }
  return found;
}

describe('module imports', () => {
  const graph = edges();

  it('every module of src/ is listed', () => {
    expect([...graph.keys()].filter((m) => !(m in ALLOWED))).toEqual([]);
  });

  it('imports only what docs/architecture.md allows', () => {
    const unexpected: string[] = [];
    for (const [module, targets] of graph) {
      for (const [target, file] of targets)
        if (!(ALLOWED[module] ?? []).includes(target)) unexpected.push(`${module} → ${target} (${file})`);
    }
    expect(unexpected).toEqual([]);
  });

  it('the domain modules form no cycle', () => {
    const domain = ['committees', 'units', 'plans', 'duties', 'supervision', 'notifications', 'reports', 'calendar'];
    const order: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (m: string, path: string[]): void => {
      if (state.get(m) === 'done') return;
      if (state.get(m) === 'visiting') throw new Error(`cycle: ${[...path, m].join(' → ')}`);
      state.set(m, 'visiting');
      for (const t of ALLOWED[m] ?? []) if (domain.includes(t)) visit(t, [...path, m]);
      state.set(m, 'done');
      order.push(m);
    };
    for (const m of domain) visit(m, []);
    expect(order).toHaveLength(domain.length);
  });
});
