import { describe, it, expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { PlanImportError } from '../import-error.js';
import { parsePlanText, type ParsedDocument } from '../plan-text.parser.js';

const FIXTURES = ['weining-notice-and-women-plan-2021-2025.txt', 'hongtong-women-children-plans-14th-fyp.txt'].map((f) =>
  readFileSync(new URL(`../../../../test/fixtures/${f}`, import.meta.url), 'utf8'),
);

/** mulberry32: small, seedable, good enough to shuffle test input. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WIDTH_PAIRS: [string, string][] = [
  ['(', '（'],
  [')', '）'],
  [':', '：'],
  [';', '；'],
  [',', '，'],
  ['.', '．'],
];
const NOISE = ['(', '）', '、', '。', ':', '；', '1', '9', '.', '牵头单位:', '责任单位：', '各成员单位', '（一）', '主要目标：', '策略措施', '三、', '\t', '\u3000', '[bookmark: _GoBack]', '自治县', '市', '%', '以下', '分别', '\r', '\n', '妇女发展规划（2021—2025年）'];

function mutate(text: string, rnd: () => number, count: number): string {
  let lines = text.split('\n');
  const pick = () => Math.floor(rnd() * lines.length);
  for (let k = 0; k < count && lines.length > 0; k++) {
    const i = pick();
    switch (Math.floor(rnd() * 7)) {
      case 0: // delete
        lines.splice(i, 1);
        break;
      case 1: // duplicate
        lines.splice(i, 0, lines[i]);
        break;
      case 2: // truncate
        lines[i] = lines[i].slice(0, Math.floor(rnd() * lines[i].length));
        break;
      case 3: {
        // swap half/full width
        const [half, full] = WIDTH_PAIRS[Math.floor(rnd() * WIDTH_PAIRS.length)];
        lines[i] = rnd() < 0.5 ? lines[i].split(half).join(full) : lines[i].split(full).join(half);
        break;
      }
      case 4: {
        // insert random characters
        const at = Math.floor(rnd() * (lines[i].length + 1));
        lines[i] = lines[i].slice(0, at) + NOISE[Math.floor(rnd() * NOISE.length)] + lines[i].slice(at);
        break;
      }
      case 5: {
        // move a line
        const [moved] = lines.splice(i, 1);
        lines.splice(pick(), 0, moved);
        break;
      }
      default: {
        // drop a block
        lines = [...lines.slice(0, i), ...lines.slice(i + Math.floor(rnd() * 40))];
      }
    }
  }
  return lines.join(rnd() < 0.2 ? '\r\n' : '\n');
}

/** Problems with the result's shape; plain checks, as thousands of expect() calls are slow. */
function shapeProblems(doc: ParsedDocument, text: string): string[] {
  const lineCount = text.split(/\r\n|\r|\n/).length;
  const bad: string[] = [];
  const isLine = (n: unknown) => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= lineCount;
  if (!Array.isArray(doc.warnings)) bad.push('warnings is not an array');
  for (const w of doc.warnings) {
    if (!isLine(w.line) || typeof w.code !== 'string' || typeof w.message !== 'string') bad.push(`warning ${JSON.stringify(w)}`);
  }
  if (doc.plans.length === 0) bad.push('no plans but no NO_PLAN');
  for (const p of doc.plans) {
    if (!isLine(p.line) || !Number.isFinite(p.periodStart) || !Number.isFinite(p.periodEnd)) bad.push(`plan ${p.title}`);
    for (const a of p.areas) {
      if (!Number.isInteger(a.number) || !isLine(a.line)) bad.push(`area ${a.name}`);
      for (const g of a.goals) {
        if (!Number.isInteger(g.number) || !isLine(g.line)) bad.push(`goal at ${g.line}`);
        if (!Array.isArray(g.leadUnits) || !Array.isArray(g.responsibleUnits) || !Array.isArray(g.indicators)) bad.push(`goal arrays at ${g.line}`);
        for (const i of g.indicators) if (i.value !== undefined && !Number.isFinite(i.value)) bad.push(`indicator at ${g.line}`);
      }
      for (const m of a.measures) if (!Number.isInteger(m.number) || !isLine(m.line)) bad.push(`measure at ${m.line}`);
    }
  }
  return bad;
}

function checkShape(doc: ParsedDocument, text: string): void {
  expect(shapeProblems(doc, text)).toEqual([]);
}

function parseOrNoPlan(text: string): ParsedDocument | null {
  try {
    return parsePlanText(text);
  } catch (e) {
    expect(e).toBeInstanceOf(PlanImportError);
    const code = (e as PlanImportError).code;
    // EMPTY_FILE only if the mutations left nothing at all.
    if (code === 'EMPTY_FILE') expect(text.trim()).toBe('');
    else expect(code).toBe('NO_PLAN');
    return null;
  }
}

describe('parsePlanText robustness', () => {
  it('survives 200 seeded mutations of the fixtures', () => {
    let parsed = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const rnd = prng(seed);
      const source = FIXTURES[seed % FIXTURES.length];
      const text = mutate(source, rnd, 1 + Math.floor(rnd() * 30));
      const doc = parseOrNoPlan(text);
      if (doc) {
        checkShape(doc, text);
        parsed++;
      }
    }
    // Light damage must not lose the plan.
    expect(parsed).toBeGreaterThan(150);
  });

  it('survives heavy damage and random text', () => {
    for (let seed = 1000; seed < 1050; seed++) {
      const rnd = prng(seed);
      const text = mutate(FIXTURES[seed % 2], rnd, 300);
      const doc = parseOrNoPlan(text);
      if (doc) checkShape(doc, text);
    }
    for (let seed = 2000; seed < 2030; seed++) {
      const rnd = prng(seed);
      const chars = Array.from({ length: 3000 }, () => NOISE[Math.floor(rnd() * NOISE.length)] + String.fromCharCode(0x4e00 + Math.floor(rnd() * 500)));
      const text = chars.join('');
      const doc = parseOrNoPlan(text);
      if (doc) checkShape(doc, text);
    }
  });

  it('parses pathological lines without throwing', () => {
    const long = `威宁自治县妇女发展规划(2021—2025年)\n二、发展领域、主要目标和策略措施\n(一)妇女与健康\n主要目标:\n1.${'、'.repeat(20000)}${'(牵头单位:'.repeat(2000)}${'自治县、'.repeat(5000)}\n2.${'以下'.repeat(10000)}分别${'1%、'.repeat(5000)}\n策略措施:\n1.${'1.'.repeat(20000)}`;
    // Speed is measured by `npm run bench -- import`, not asserted here.
    checkShape(parsePlanText(long), long);
  });
});
