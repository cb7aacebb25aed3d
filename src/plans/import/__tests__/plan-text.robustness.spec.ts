import { describe, it, expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { PlanImportError } from '../import-error.js';
import { parsePlanText, type ParsedDocument } from '../plan-text.parser.js';

import { tablesFromDocumentXml } from '../../task-division/docx-tables.reader.js';
import { rowsFromWordTables, tableFromTabText } from '../../task-division/word-table.js';

const FIXTURES = [
  'weining-notice-and-women-plan-2021-2025.txt',
  'hongtong-women-children-plans-14th-fyp.txt',
  'huozhou-women-children-plans-14th-fyp-en.txt',
].map((f) => readFileSync(new URL(`../../../../test/fixtures/${f}`, import.meta.url), 'utf8'));

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
const NOISE = [
  '(',
  '）',
  '、',
  '。',
  ':',
  '；',
  '1',
  '9',
  '.',
  '牵头单位:',
  '责任单位：',
  '各成员单位',
  '（一）',
  '主要目标：',
  '策略措施',
  '三、',
  '\t',
  '\u3000',
  '[bookmark: _GoBack]',
  '自治县',
  '市',
  '%',
  '以下',
  '分别',
  '\r',
  '\n',
  '妇女发展规划（2021—2025年）',
  // Issue 11 families: English structure, broken numbers, damaged titles, excerpts, interpretations.
  'main target:',
  'Strategic measures :',
  '(1) Women and health',
  '( 3 ) ',
  '1 3. ',
  '   2. ',
  'By 2025',
  '14th Five-Year Plan',
  'Rate this post',
  'below 12.5/100,000',
  'drop by 20% based on 2020',
  '儿童发展规划20212030年)',
  '儿半岛体育童',
  '《某县儿童发展规划（2021—2030年）》安全领域主要目标设置情况：',
  '政策解读',
  '共75项主要目标、96条策略措施',
  '关于印发《某县妇女发展规划》的通知',
  '每千人口拥有托位4.5张',
  '达到',
];

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
    if (!isLine(w.line) || typeof w.code !== 'string' || typeof w.message !== 'string')
      bad.push(`warning ${JSON.stringify(w)}`);
  }
  if (doc.plans.length === 0) bad.push('no plans but no NO_PLAN');
  for (const p of doc.plans) {
    if (!isLine(p.line) || !Number.isFinite(p.periodStart) || !Number.isFinite(p.periodEnd) || p.title === '')
      bad.push(`plan ${p.title}`);
    if (p.periodStart !== 0 && (p.periodEnd < p.periodStart || p.periodEnd - p.periodStart > 20))
      bad.push(`period ${p.periodStart}–${p.periodEnd}`);
    if (p.periodStart === 0 && !doc.warnings.some((w) => w.code === 'NO_PERIOD' && w.line === p.line))
      bad.push(`0–0 without NO_PERIOD for ${p.title}`);
    for (const a of p.areas) {
      if (!Number.isInteger(a.number) || !isLine(a.line)) bad.push(`area ${a.name}`);
      for (const g of a.goals) {
        if (!Number.isInteger(g.number) || !isLine(g.line)) bad.push(`goal at ${g.line}`);
        if (!Array.isArray(g.leadUnits) || !Array.isArray(g.responsibleUnits) || !Array.isArray(g.indicators))
          bad.push(`goal arrays at ${g.line}`);
        for (const i of g.indicators)
          if (i.value !== undefined && !Number.isFinite(i.value)) bad.push(`indicator at ${g.line}`);
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
    else expect(['NO_PLAN', 'NOT_A_PLAN_INTERPRETATION', 'NOT_A_PLAN_NOTICE']).toContain(code);
    expect((e as PlanImportError).message).not.toContain('\n');
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
    for (let seed = 1000; seed < 1060; seed++) {
      const rnd = prng(seed);
      const text = mutate(FIXTURES[seed % FIXTURES.length], rnd, 300);
      const doc = parseOrNoPlan(text);
      if (doc) checkShape(doc, text);
    }
    for (let seed = 2000; seed < 2030; seed++) {
      const rnd = prng(seed);
      const chars = Array.from(
        { length: 3000 },
        () => NOISE[Math.floor(rnd() * NOISE.length)] + String.fromCharCode(0x4e00 + Math.floor(rnd() * 500)),
      );
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

  it('parses pathological English lines without throwing', () => {
    const long = `main target:\n  1. ${'a.   2. '.repeat(10000)}\n${'1 3. x\n'.repeat(1500)}\n  1. ${'below 1/100,000 '.repeat(90)}${'reach about 3 %, '.repeat(90)}`;
    const text = `Development areas, main goals and strategic measures\n(1) Women and health\n${long}`;
    checkShape(parsePlanText(text), text);
  });

  it('reads mutated Word XML and task-division tables without throwing', () => {
    const xml =
      '<w:document><w:body><w:p><w:r><w:t>任务分工方案</w:t></w:r></w:p><w:tbl>' +
      [
        '序号|主要目标|牵头单位|责任单位',
        '（一）妇女与健康',
        '1|妇女健康。|县卫生健康局|县妇联、总工会',
        '2|孕产妇死亡率控制在12/10万以下。|县卫生健康局|各成员单位',
      ]
        .map(
          (r) =>
            `<w:tr>${r
              .split('|')
              .map(
                (c, i) =>
                  `<w:tc><w:tcPr>${i === 0 && !r.includes('|') ? '<w:gridSpan w:val="4"/>' : ''}<w:vMerge${i === 0 ? ' w:val="restart"' : ''}/></w:tcPr><w:p><w:r><w:t>${c}</w:t></w:r></w:p></w:tc>`,
              )
              .join('')}</w:tr>`,
        )
        .join('') +
      '</w:tbl></w:body></w:document>';
    const goals = [1, 2].map((n) => ({
      areaNumber: 1,
      areaName: '妇女与健康',
      goalNumber: n,
      text: n === 1 ? '妇女健康。' : '孕产妇死亡率控制在12/10万以下。',
    }));
    for (let seed = 3000; seed < 3200; seed++) {
      const rnd = prng(seed);
      const cut = (s: string) => {
        const a = Math.floor(rnd() * s.length);
        const op = Math.floor(rnd() * 3);
        const noise = [
          '<',
          '>',
          '</w:tc>',
          '<w:tr>',
          '<w:tbl>',
          '<w:gridSpan w:val="99999"/>',
          '<w:vMerge/>',
          '&#xFFFFFF;',
          '&amp',
          '\t',
          '|',
        ][Math.floor(rnd() * 11)];
        return op === 0
          ? s.slice(0, a) + s.slice(a + Math.floor(rnd() * 50))
          : op === 1
            ? s.slice(0, a) + noise + s.slice(a)
            : s.slice(a) + s.slice(0, a);
      };
      let x = xml;
      for (let k = 0; k < 1 + Math.floor(rnd() * 8); k++) x = cut(x);
      const tables = tablesFromDocumentXml(x);
      const read = rowsFromWordTables(tables, goals);
      for (const r of read.rows)
        if (!goals.some((g) => g.goalNumber === r.goalNumber && g.areaNumber === r.areaNumber))
          throw new Error(`row matched to a goal that does not exist: ${JSON.stringify(r)}`);
      rowsFromWordTables([tableFromTabText(x.replace(/<[^>]*>/g, '\t'))], goals);
    }
  });
});
