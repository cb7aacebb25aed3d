import { localizeWarnings } from '../../../common/i18n/import-warnings.js';
import { describe, it, expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { PlanImportError } from '../import-error.js';
import { allGoals, allMeasures, parsePlanText, planTitle } from '../plan-text.parser.js';

const english = readFileSync(
  new URL('../../../../test/fixtures/huozhou-women-children-plans-14th-fyp-en.txt', import.meta.url),
  'utf8',
);

function refusal(text: string): { code: string; message: string } {
  try {
    parsePlanText(text);
  } catch (e) {
    if (e instanceof PlanImportError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('English translation (Huozhou, 14th Five-Year Plan)', () => {
  const doc = parsePlanText(english);

  it('reads two plans: kind from the areas or the title, period from By 2025 and the 14th Five-Year Plan', () => {
    expect(doc.plans.map((p) => [p.title, p.kind, p.periodStart, p.periodEnd, p.language, p.line])).toEqual([
      ["Women's Development Plan (2021–2025)", 'women', 2021, 2025, 'en', 45],
      ['Huozhou City’s “14th Five-Year Plan” for Children’s Development', 'children', 2021, 2025, 'en', 314],
    ]);
  });

  // Counted by hand from the text: `  N.` items under main target: / Strategic measures:, with
  // line 144 holding goals 1–8 of area (4), line 145 the truncated list's 9th, `1 3.` / `1 1.`
  // split numbers, and the law area's measures restarting at 1 after 11 (lines 274–276).
  it('finds the goals and measures per area a careful reader counts', () => {
    const counts = doc.plans.map((p) => p.areas.map((a) => [a.number, a.name, a.goals.length, a.measures.length]));
    expect(counts).toEqual([
      [
        [1, 'Women and health', 10, 13],
        [2, 'Women and education', 9, 13],
        [3, 'Women and the economy', 9, 13],
        [4, 'Women’s participation in decision-making and management', 9, 9],
        [5, 'Women and social security', 9, 11],
        [6, 'Women and family construction', 9, 10],
        [7, 'Women and the environment', 10, 13],
        [8, 'Women and the Law', 9, 14],
      ],
      [
        [1, 'Children and health', 12, 14],
        [2, 'Children and safety', 11, 12],
        [3, 'Children and education', 9, 13],
        [4, 'Children and Welfare', 10, 15],
        [5, 'Children and families', 7, 8],
        [6, 'Children and the environment', 10, 12],
        [7, 'Children and legal protection', 11, 13],
      ],
    ]);
    expect(doc.plans.map((p) => [allGoals(p).length, allMeasures(p).length])).toEqual([
      [74, 96],
      [70, 87],
    ]);
  });

  it('counts broken numbering by sequence, keeps the printed number, and warns with the line', () => {
    const women = doc.plans[0];
    expect(women.areas[0].measures[12]).toMatchObject({ number: 13, printedNumber: '1 3', line: 77 });
    expect(women.areas[3].goals.map((g) => [g.number, g.printedNumber, g.line])).toEqual([
      [1, undefined, 144],
      [2, undefined, 144],
      [3, undefined, 144],
      [4, undefined, 144],
      [5, undefined, 144],
      [6, undefined, 144],
      [7, undefined, 144],
      [8, undefined, 144],
      [9, '2', 145],
    ]);
    expect(women.areas[3].goals[1].text).toBe(
      'The Communist Party of China maintains a reasonable proportion of female members. The proportion of women among delegates to party congresses at all levels is generally not less than the proportion of women among the total number of party members.',
    );
    expect(women.areas[7].measures.slice(10).map((m) => [m.number, m.printedNumber, m.line])).toEqual([
      [11, '1 1', 272],
      [12, '1', 274],
      [13, '2', 275],
      [14, '3', 276],
    ]);
    const codes = doc.warnings
      .filter((w) =>
        ['SPLIT_NUMBER', 'RUN_TOGETHER', 'RENUMBERED', 'GLUED_PAGE_TITLE', 'TITLE_COMPOSED'].includes(w.code),
      )
      .map((w) => [w.line, w.code]);
    expect(codes).toEqual([
      [3, 'GLUED_PAGE_TITLE'],
      [45, 'TITLE_COMPOSED'],
      [77, 'SPLIT_NUMBER'],
      [108, 'SPLIT_NUMBER'],
      [144, 'RUN_TOGETHER'],
      [145, 'RENUMBERED'],
      [272, 'SPLIT_NUMBER'],
      [274, 'RENUMBERED'],
      [275, 'RENUMBERED'],
      [276, 'RENUMBERED'],
    ]);
  });

  it('keeps goal texts in English and reads English indicator phrases', () => {
    const g = doc.plans[0].areas[0].goals[1];
    expect(g.text).toBe(
      'The maternal mortality rate has dropped to less than 12.5/100,000 , and the gap between urban and rural areas has narrowed.',
    );
    expect(g.indicators).toEqual([
      {
        phrase: 'The maternal mortality rate has dropped to less than 12.5/100,000',
        name: 'maternal mortality rate',
        comparator: 'lte',
        value: 12.5,
        unit: 'per_100k',
      },
    ]);
    const injury = doc.plans[1].areas[1].goals[2];
    expect(injury.indicators).toEqual([
      {
        phrase: 'The child injury mortality rate will drop by 20% based on 2020',
        name: 'child injury mortality rate',
        comparator: 'change_from_baseline',
        value: -20,
        unit: '%',
        baselineYear: 2020,
        direction: 'decrease',
      },
    ]);
  });

  it('drops web debris and does not take the spam page title for a plan title', () => {
    expect(doc.plans.some((p) => /business ideas/.test(p.title))).toBe(false);
    expect(JSON.stringify(doc)).not.toMatch(/Rate this post|Leave a Comment/);
  });
});

describe('damaged titles and periods', () => {
  const body = '二、发展领域、主要目标和策略措施\n（一）儿童与健康\n主要目标：\n1.儿童健康。\n策略措施：\n1.措施。';

  it.each([
    ['某某县儿童发展规划20212030年)', '某某县儿童发展规划（2021—2030年）', 'children', 2021, 2030],
    ['某某县儿童发展规划(2021-2030', '某某县儿童发展规划（2021—2030年）', 'children', 2021, 2030],
    ['某某县妇女发展规划2021—2025年', '某某县妇女发展规划（2021—2025年）', 'women', 2021, 2025],
    ['某某县妇女发展规划（２０２１－２０２５年）', '某某县妇女发展规划（２０２１－２０２５年）', 'women', 2021, 2025],
    ['某某县“十四五”儿童发展规划', '某某县“十四五”儿童发展规划', 'children', 2021, 2025],
  ])('%s → %s', (line, title, kind, start, end) => {
    const doc = parsePlanText(`${line}\n${body}`);
    expect([doc.plans[0].title, doc.plans[0].kind, doc.plans[0].periodStart, doc.plans[0].periodEnd]).toEqual([
      title,
      kind,
      start,
      end,
    ]);
  });

  it('warns with the line when a title was repaired', () => {
    const doc = parsePlanText(`某某县儿童发展规划20212030年)\n${body}`);
    const repaired = doc.warnings.filter((w) => w.code === 'TITLE_REPAIRED');
    expect(repaired).toEqual([
      {
        line: 1,
        code: 'TITLE_REPAIRED',
        params: { form: 'line', line: 1, periodTitle: '某某县儿童发展规划（2021—2030年）', kind: 'children' },
        message:
          '第1行标题有损：规划期括号或连接号缺失，读作“某某县儿童发展规划（2021—2030年）”（儿童发展规划），请核对。',
      },
    ]);
    // The same warning in English, from its code and params (issue 11: warnings in the user's language).
    expect(localizeWarnings(repaired, 'en').map((w) => w.message)).toEqual([
      'line 1: the title is damaged: brackets or dash of the period lost, read as "某某县儿童发展规划（2021—2030年）" (children\'s development plan); please check.',
    ]);
  });

  it('sees through words a mirror site inserted, and says what it recognised', () => {
    const t = planTitle('上饶市儿半岛体育童发展规划（2021—2030年）');
    expect(t).toEqual({
      title: '上饶市儿童发展规划（2021—2030年）',
      kind: 'children',
      period: undefined,
      repaired: { spam: '上饶市儿童发展规划' },
    });
    const doc = parsePlanText(`上饶市儿半岛体育童发展规划（2021—2030年）\n${body}`);
    expect(doc.plans[0].kind).toBe('children');
    expect(doc.warnings.find((w) => w.code === 'TITLE_REPAIRED')?.line).toBe(1);
  });

  it('warns when a title names neither women nor children and the areas do not tell', () => {
    const doc = parsePlanText(
      '某某县半岛体育发展规划（2021—2025年）\n二、发展领域、主要目标和策略措施\n（一）健康\n主要目标：\n1.健康。',
    );
    expect(doc.plans[0].kind).toBe('other');
    expect(doc.warnings.filter((w) => w.code === 'TITLE_REPAIRED')).toEqual([
      {
        line: 1,
        code: 'TITLE_REPAIRED',
        params: { form: 'noKind', line: 1, title: '某某县半岛体育发展规划（2021—2025年）' },
        message:
          '“某某县半岛体育发展规划（2021—2025年）”的标题中没有识别出“妇女”或“儿童”，类别未识别（other），请核对标题。',
      },
    ]);
  });

  it('reports a plan without any period as NO_PERIOD with its line, period 0', () => {
    const doc = parsePlanText(`某某县儿童发展规划\n${body}`);
    expect(doc.plans[0].periodStart).toBe(0);
    expect(doc.warnings.filter((w) => w.code === 'NO_PERIOD').map((w) => w.line)).toEqual([1]);
  });

  it('takes the target year (到2025年) over a look back at an earlier plan', () => {
    const doc = parsePlanText(
      `某某县儿童发展规划\n一、总体目标\n“十三五”期间成效显著。对照《中国儿童发展纲要（2021—2030年）》，到2025年，儿童事业…。\n二、发展领域、主要目标和策略措施\n（一）儿童与健康\n主要目标：\n1.儿童健康。\n策略措施：\n1.措施。`,
    );
    expect([doc.plans[0].periodStart, doc.plans[0].periodEnd]).toEqual([2016, 2020].map((y) => y + 5));
  });
});

describe('excerpts from news pages', () => {
  it('reads the title from 《》 and the goal list after a line ending in 主要目标…：', () => {
    const doc = parsePlanText(
      '本期推出《廊坊市儿童发展规划（2021—2030年）》儿童与安全领域主要目标设置情况：\n1.减少儿童伤害所致死亡和残疾。儿童伤害死亡率以2020年为基数下降20%。\n2.排查消除溺水隐患，儿童溺水死亡率持续下降。\n（来源：某某网）',
    );
    const p = doc.plans[0];
    expect([p.title, p.kind, p.periodStart, p.periodEnd]).toEqual([
      '廊坊市儿童发展规划（2021—2030年）',
      'children',
      2021,
      2030,
    ]);
    expect(p.areas.map((a) => [a.number, a.name, a.goals.map((g) => g.number)])).toEqual([[1, '儿童与安全', [1, 2]]]);
    expect(p.areas[0].goals[0].indicators[0]).toMatchObject({
      comparator: 'change_from_baseline',
      value: -20,
      baselineYear: 2020,
    });
  });
});

describe('documents that are not plans', () => {
  it('refuses a Chinese interpretation with one line naming the plans and period', () => {
    const text =
      '《霍州市“十四五”妇女发展规划》《霍州市“十四五”儿童发展规划》政策解读\n一、制定背景\n二、主要内容\n妇女规划设置了8个领域，共74项主要目标、96条策略措施。儿童规划设置7个领域，70项主要目标、87条策略措施。\n（一）妇女与健康\n主要目标：\n1.妇女人均预期寿命达到78岁。';
    const r = refusal(text);
    expect(r).toEqual({
      code: 'NOT_A_PLAN_INTERPRETATION',
      message:
        '这是《霍州市“十四五”妇女发展规划》、《霍州市“十四五”儿童发展规划》（2021—2025年）的政策解读，不是规划正文，未导入任何内容；请上传规划原文。',
    });
    expect(r.message).not.toContain('\n');
  });

  it('refuses an interpretation that declares counts without the heading word', () => {
    const text =
      '某市妇女发展规划（2021—2030年）起草说明\n规划共设置8个领域，提出75项主要目标、90条策略措施。\n（一）妇女与健康\n主要目标：\n1.妇女健康。';
    expect(refusal(text).code).toBe('NOT_A_PLAN_INTERPRETATION');
  });

  it('refuses an English interpretation', () => {
    const text =
      'Interpretation of the “Huozhou Women’s Development Plan (2021-2025)”\nThe plan sets 74 main goals and 96 strategic measures in eight areas.';
    expect(refusal(text)).toEqual({
      code: 'NOT_A_PLAN_INTERPRETATION',
      message:
        '这是“Huozhou Women’s Development Plan (2021-2025)”（2021—2025年）的政策解读，不是规划正文，未导入任何内容；请上传规划原文。',
    });
  });

  it('refuses an English notice announcing the plans without their text', () => {
    const text =
      'Notice of the Huozhou Municipal People’s Government on Issuing the “Huozhou Women’s Development Plan (2021-2025)”\nThe plan is hereby issued to you. Please implement it conscientiously.';
    expect(refusal(text)).toEqual({
      code: 'NOT_A_PLAN_NOTICE',
      message:
        '这是印发“Huozhou Women’s Development Plan (2021-2025)”（2021—2025年）的通知，没有附规划正文，未导入任何内容；请上传含规划全文的文件。',
    });
  });

  it('refuses a notice that announces a plan without its text', () => {
    const text =
      '某某县人民政府关于印发《某某县儿童发展规划（2021—2030年）》的通知\n各乡镇人民政府，县直各部门：\n现将《某某县儿童发展规划（2021—2030年）》印发给你们，请认真贯彻执行。\n某某县人民政府\n2022年3月1日';
    expect(refusal(text)).toEqual({
      code: 'NOT_A_PLAN_NOTICE',
      message:
        '这是印发《某某县儿童发展规划（2021—2030年）》（2021—2030年）的通知，没有附规划正文，未导入任何内容；请上传含规划全文的文件。',
    });
  });
});
