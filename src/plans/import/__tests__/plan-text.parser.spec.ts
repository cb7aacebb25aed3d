import { describe, it, expect, beforeAll } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { PlanImportError } from '../import-error.js';
import {
  allGoals,
  allMeasures,
  chineseNumeral,
  countUnitSlots,
  distinctUnits,
  midtermEvaluationOf,
  parsePlanText,
  type ParsedDocument,
  type ParsedGoal,
  type ParsedPlan,
} from '../plan-text.parser.js';

const fixture = (name: string) => readFileSync(new URL(`../../../../test/fixtures/${name}`, import.meta.url), 'utf8');
const WEINING = 'weining-notice-and-women-plan-2021-2025.txt';
const HONGTONG = 'hongtong-women-children-plans-14th-fyp.txt';

function goalAt(plan: ParsedPlan, area: number, goal: number): ParsedGoal {
  const a = plan.areas.find((x) => x.number === area);
  const g = a?.goals.find((x) => x.number === goal);
  if (!g) throw new Error(`no goal ${area}.${goal}`);
  return g;
}

describe('parsePlanText: Weining notice + women’s plan (annotated)', () => {
  let text: string;
  let doc: ParsedDocument;
  let plan: ParsedPlan;
  let goals: ParsedGoal[];

  beforeAll(() => {
    text = fixture(WEINING);
    doc = parsePlanText(text);
    plan = doc.plans[0];
    goals = allGoals(plan);
  });

  it('finds one women’s plan with its title, period, document number and issue date', () => {
    expect(doc.plans).toHaveLength(1);
    expect(plan.title).toBe('威宁自治县妇女发展规划(2021—2025年)');
    expect(plan.kind).toBe('women');
    expect(plan.line).toBe(38);
    expect([plan.periodStart, plan.periodEnd]).toEqual([2021, 2025]);
    expect(plan.documentNumber).toBe('威府发〔2023〕4号');
    // The notice is signed "202355" (2023年5月5日 with 年月日 lost); 2023-05-22 is the web
    // page's 生成日期, so the signature wins.
    expect(plan.issuedOn).toBe('2023-05-05');
  });

  it('reads 9 areas, 79 goals and 95 measures as printed', () => {
    expect(plan.areas.map((a) => [a.number, a.name, a.goals.length, a.measures.length])).toEqual([
      [1, '妇女与健康', 10, 13],
      [2, '妇女与教育', 9, 9],
      [3, '妇女与经济', 7, 10],
      [4, '妇女与乡村振兴', 6, 8],
      [5, '妇女参与决策和管理', 10, 10],
      [6, '妇女与社会保障', 10, 11],
      [7, '妇女与家庭建设', 9, 10],
      [8, '妇女与环境', 9, 12],
      [9, '妇女与法律', 9, 12],
    ]);
    expect(goals).toHaveLength(79);
    expect(allMeasures(plan)).toHaveLength(95);
    for (const a of plan.areas) {
      expect(a.goals.map((g) => g.number)).toEqual(a.goals.map((_, i) => i + 1));
      expect(a.measures.map((m) => m.number)).toEqual(a.measures.map((_, i) => i + 1));
    }
  });

  it('annotates every goal and no measure', () => {
    expect(goals.every((g) => g.annotated)).toBe(true);
    for (const m of allMeasures(plan)) expect(m.text).not.toMatch(/牵头单位|责任单位/);
    for (const g of goals) expect(g.text).not.toMatch(/牵头单位|责任单位|[(（]$/);
    expect(doc.warnings.filter((w) => w.code === 'ANNOTATED_MEASURE')).toEqual([]);
  });

  it('counts 89 lead and 189 responsible slots, 10 goals without lead, 15 with 各成员单位 responsible', () => {
    expect(countUnitSlots(goals)).toEqual({ lead: 89, responsible: 189 });
    expect(goals.filter((g) => g.leadUnits.length === 0 && !g.allMembersLead)).toHaveLength(10);
    expect(goals.filter((g) => g.allMembersResponsible)).toHaveLength(15);
    expect(goals.filter((g) => g.allMembersLead)).toHaveLength(0);
    const noLead = doc.warnings.filter((w) => w.code === 'NO_LEAD');
    expect(noLead.map((w) => w.line)).toEqual([143, 171, 215, 245, 309, 343, 351, 353, 355, 385]);
    // Nothing else in this text is worth a warning.
    expect(doc.warnings).toHaveLength(10);
  });

  it('yields exactly 36 distinct unit strings after prefix distribution', () => {
    // Each was checked against the annotations in the fixture (自治县团委 from
    // 自治县委宣传部、总工会、团委; 自治县法院 is how goal 9.8 writes 自治县人民法院).
    expect(distinctUnits(goals)).toEqual(
      [
        '各成员单位',
        '市生态环境局威宁分局',
        '自治县乡村振兴局',
        '自治县人力资源社会保障局',
        '自治县人大办',
        '自治县人民检察院',
        '自治县人民法院',
        '自治县住房城乡建设局',
        '自治县公安局',
        '自治县农业农村局',
        '自治县医疗保障局',
        '自治县卫生健康局',
        '自治县发展改革局',
        '自治县司法局',
        '自治县团委',
        '自治县妇联',
        '自治县委宣传部',
        '自治县委政法委',
        '自治县委组织部',
        '自治县工业和信息化局',
        '自治县工商联',
        '自治县应急管理局',
        '自治县总工会',
        '自治县政协办',
        '自治县教育科技局',
        '自治县文体广电旅游局',
        '自治县林业局',
        '自治县残联',
        '自治县民宗局',
        '自治县民政局',
        '自治县水务局',
        '自治县法院',
        '自治县生态移民局',
        '自治县科协',
        '自治县自然资源局',
        '自治县财政局',
      ].sort(),
    );
    expect(distinctUnits(goals)).toHaveLength(36);
  });

  it('reads the 7th health goal of domain.md', () => {
    const g = goalAt(plan, 1, 7);
    expect(g.line).toBe(89);
    expect(g.text).toBe('增强妇女心理健康意识,降低妇女心理疾病的发生率,妇女心理健康素养水平提升到20%。');
    expect(g.leadUnits).toEqual(['自治县卫生健康局']);
    expect(g.responsibleUnits).toEqual([
      '自治县总工会',
      '自治县科协',
      '自治县妇联',
      '自治县教育科技局',
      '自治县民政局',
    ]);
    expect(g.indicators).toEqual([
      {
        phrase: '妇女心理健康素养水平提升到20%',
        name: '妇女心理健康素养水平',
        comparator: 'eq',
        value: 20,
        unit: '%',
        direction: 'increase',
      },
    ]);
  });

  it('distributes 自治县 (not 自治县委) from 自治县委宣传部、总工会', () => {
    expect(goalAt(plan, 2, 1).responsibleUnits).toEqual([
      '自治县委宣传部',
      '自治县总工会',
      '自治县团委',
      '自治县文体广电旅游局',
      '自治县教育科技局',
      '自治县民宗局',
    ]);
    const law5 = goalAt(plan, 9, 5);
    expect(law5.leadUnits).toEqual(['自治县人民法院', '自治县人民检察院', '自治县公安局']);
    expect(law5.responsibleUnits).toEqual([
      '自治县委宣传部',
      '自治县总工会',
      '自治县妇联',
      '自治县教育科技局',
      '自治县民政局',
      '自治县司法局',
      '自治县文体广电旅游局',
      '自治县卫生健康局',
    ]);
    expect(goalAt(plan, 4, 5).responsibleUnits).toEqual([
      '自治县委组织部',
      '自治县妇联',
      '自治县教育科技局',
      '自治县农业农村局',
      '自治县人力资源社会保障局',
    ]);
  });

  it('keeps 市生态环境局威宁分局 as written inside a 自治县 group', () => {
    expect(goalAt(plan, 8, 6).responsibleUnits).toEqual([
      '自治县妇联',
      '自治县自然资源局',
      '自治县林业局',
      '市生态环境局威宁分局',
    ]);
    expect(goalAt(plan, 8, 7).responsibleUnits).toEqual(['自治县卫生健康局', '市生态环境局威宁分局']);
  });

  it('keeps the alias 自治县法院 and flags 各成员单位', () => {
    expect(goalAt(plan, 9, 8).leadUnits).toEqual(['自治县法院']);
    const econ1 = goalAt(plan, 3, 1);
    expect(econ1).toMatchObject({
      leadUnits: [],
      responsibleUnits: [],
      allMembersLead: false,
      allMembersResponsible: true,
      annotated: true,
    });
    const law1 = goalAt(plan, 9, 1);
    expect(law1.leadUnits).toEqual(['自治县人大办', '自治县妇联']);
    expect(law1.allMembersResponsible).toBe(true);
    // Lead only, closing bracket present.
    expect(goalAt(plan, 1, 3)).toMatchObject({
      leadUnits: ['自治县卫生健康局'],
      responsibleUnits: [],
      text: '孕产妇死亡率下降到12/10万以下。城乡区域差距明显缩小。',
    });
  });

  it('does not read the 监测组由各级统计部门牵头 prose as a goal or annotation', () => {
    expect(goals.some((g) => g.line >= 475)).toBe(false);
    expect(allMeasures(plan).some((m) => m.line >= 475)).toBe(false);
  });

  it('stops measures at 三、组织实施 and ignores the notice and 基本原则 numbering', () => {
    const lines = [...goals.map((g) => g.line), ...allMeasures(plan).map((m) => m.line)];
    expect(Math.min(...lines)).toBe(77);
    expect(Math.max(...lines)).toBe(473);
  });

  it('reads a 策略措施 marker without a colon (area 2)', () => {
    expect(plan.areas[1].measures[0].line).toBe(149);
  });
});

describe('parsePlanText: Hongtong women’s and children’s plans (full-width, unannotated)', () => {
  let doc: ParsedDocument;

  beforeAll(() => {
    doc = parsePlanText(fixture(HONGTONG));
  });

  it('returns both plans with titles, kinds and the 十四五 period', () => {
    expect(
      doc.plans.map((p) => [p.title, p.kind, p.periodStart, p.periodEnd, p.line, p.issuedOn, p.documentNumber]),
    ).toEqual([
      ['洪洞县妇女发展“十四五”规划', 'women', 2021, 2025, 1, null, null],
      ['洪洞县儿童发展“十四五”规划', 'children', 2021, 2025, 233, null, null],
    ]);
  });

  it('counts 75 goals / 97 measures and 70 / 86', () => {
    const [women, children] = doc.plans;
    expect([allGoals(women).length, allMeasures(women).length]).toEqual([75, 97]);
    expect([allGoals(children).length, allMeasures(children).length]).toEqual([70, 86]);
    expect(women.areas.map((a) => a.name)).toEqual([
      '妇女与健康',
      '妇女与教育',
      '妇女与经济',
      '妇女参与决策和管理',
      '妇女与社会保障',
      '妇女与家庭建设',
      '妇女与环境',
      '妇女与法律',
    ]);
    expect(children.areas.map((a) => [a.number, a.name, a.goals.length, a.measures.length])).toEqual([
      [1, '儿童与健康', 12, 14],
      [2, '儿童与安全', 11, 12],
      [3, '儿童与教育', 9, 13],
      [4, '儿童与福利', 10, 15],
      [5, '儿童与家庭', 7, 8],
      [6, '儿童与环境', 10, 11],
      [7, '儿童与法律保护', 11, 13],
    ]);
  });

  it('reads the [bookmark: _GoBack] line as a clean measure', () => {
    const m = doc.plans[0].areas[4].measures.find((x) => x.line === 136);
    expect(m?.number).toBe(7);
    expect(m?.text.startsWith('强化社会救助对生活困难妇女的兜底保障。')).toBe(true);
    expect(m?.text).not.toContain('bookmark');
  });

  it('warns once per plan that units are missing, not once per goal', () => {
    expect(doc.warnings).toEqual([
      expect.objectContaining({ line: 1, code: 'NO_ANNOTATIONS' }),
      expect.objectContaining({ line: 233, code: 'NO_ANNOTATIONS' }),
    ]);
    for (const g of doc.plans.flatMap(allGoals))
      expect(g).toMatchObject({ annotated: false, leadUnits: [], responsibleUnits: [] });
  });

  it('keeps goal 5 of children’s health (5.5岁以下…) as number 5 with its text', () => {
    const g = goalAt(doc.plans[1], 1, 5);
    expect(g.text.startsWith('5岁以下儿童贫血率')).toBe(true);
    expect(g.indicators.map((i) => [i.name, i.comparator, i.value, i.unit])).toEqual([
      ['5岁以下儿童贫血率', 'lte', 8, '%'],
      ['生长迟缓率', 'lte', 2, '%'],
      ['低体重率', 'lte', 2, '%'],
    ]);
  });
});

describe('parsePlanText: numbering, debris and errors', () => {
  const mini = (body: string) =>
    `某县妇女发展规划（2021-2030年）\n二、发展领域、主要目标和策略措施\n${body}\n三、组织实施\n（一）加强领导。\n1.不是目标。`;

  it('keeps a numbering gap as printed and warns', () => {
    const doc = parsePlanText(
      mini('（一）妇女与健康\n主要目标：\n1．甲。\n2、乙。\n4.丙。\n6.丁。\n策略措施：\n1.措施。'),
    );
    const area = doc.plans[0].areas[0];
    expect(area.goals.map((g) => g.number)).toEqual([1, 2, 4, 6]);
    expect(doc.plans[0].periodEnd).toBe(2030);
    expect(doc.warnings.filter((w) => w.code === 'NUMBER_GAP').map((w) => w.line)).toEqual([7, 8]);
    expect(doc.warnings.find((w) => w.code === 'NO_ANNOTATIONS')).toBeDefined();
  });

  it('counts a repeated number by sequence, keeps the printed one, and warns; a number-only line is unparsed', () => {
    const doc = parsePlanText(mini('(一)妇女与健康\n主要目标:\n1.甲。\n1.乙。\n2.\n策略措施\n1.措施。'));
    expect(doc.plans[0].areas[0].goals.map((g) => [g.number, g.printedNumber])).toEqual([
      [1, undefined],
      [2, '1'],
    ]);
    expect(
      doc.warnings.filter((w) => w.code === 'RENUMBERED' || w.code === 'UNPARSED_LINE').map((w) => [w.line, w.code]),
    ).toEqual([
      [6, 'RENUMBERED'],
      [7, 'UNPARSED_LINE'],
    ]);
  });

  it('joins a wrapped goal line so its annotation is still read', () => {
    const doc = parsePlanText(
      mini(
        '（一）妇女与健康\n主要目标：\n1.妇女健康水平不断提高，\n健全服务体系。（牵头单位：县卫生健康局；责任单位：县妇联、总工会）\n策略措施：\n1.措施。',
      ),
    );
    const g = doc.plans[0].areas[0].goals[0];
    expect(g.text).toBe('妇女健康水平不断提高，健全服务体系。');
    expect(g.leadUnits).toEqual(['县卫生健康局']);
    expect(g.responsibleUnits).toEqual(['县妇联', '县总工会']);
    expect(doc.warnings.map((w) => [w.line, w.code])).toEqual([[6, 'CONTINUATION_LINE']]);
  });

  it('reads an item whose separator was lost only when it is the expected next number', () => {
    const doc = parsePlanText(mini('（一）妇女与健康\n主要目标：1.甲。\n2乙。\n策略措施：\n1.措施一，\n5岁以下儿童。'));
    const area = doc.plans[0].areas[0];
    expect(area.goals.map((g) => [g.number, g.text])).toEqual([
      [1, '甲。'],
      [2, '乙。'],
    ]);
    expect(area.measures.map((m) => m.text)).toEqual(['措施一，5岁以下儿童。']);
    expect(doc.warnings.map((w) => [w.line, w.code])).toEqual([
      [1, 'NO_ANNOTATIONS'],
      [5, 'UNPARSED_LINE'],
      [8, 'CONTINUATION_LINE'],
    ]);
  });

  it('warns NO_LEAD in an annotated plan and BAD_ANNOTATION for an empty list', () => {
    const doc = parsePlanText(
      mini(
        '（一）妇女与健康\n主要目标：\n1.甲。(牵头单位:县卫生健康局)\n2.乙。(责任单位:县妇联)\n3.丙。(牵头单位:)\n策略措施：\n1.措施。',
      ),
    );
    expect(doc.warnings.map((w) => [w.line, w.code])).toEqual([
      [6, 'NO_LEAD'],
      [7, 'BAD_ANNOTATION'],
      [7, 'NO_LEAD'],
    ]);
  });

  it('strips web-page lines and bullets', () => {
    const doc = parsePlanText(
      `  • 某县儿童发展规划（2021—2030年）\n分享到：微信 微博\n二、发展领域、主要目标和策略措施\n（一）儿童与健康\n主要目标：\n• 1.儿童健康水平不断提高。\n字号:[]  [我要打印][关闭]\n策略措施：\n1.措施。`,
    );
    expect(doc.plans[0].kind).toBe('children');
    expect(doc.plans[0].areas[0].goals[0].text).toBe('儿童健康水平不断提高。');
    expect(doc.warnings).toEqual([expect.objectContaining({ code: 'NO_ANNOTATIONS' })]);
  });

  it('finds the body without the 二、 heading and warns', () => {
    const doc = parsePlanText(
      '某县妇女发展规划（2021—2025年）\n（一）妇女与健康\n主要目标：\n1.甲。\n策略措施：\n1.乙。',
    );
    expect(doc.plans[0].areas[0]).toMatchObject({ number: 1, name: '妇女与健康', line: 2 });
    expect(doc.warnings.map((w) => w.code)).toContain('NO_SECTION_HEADING');
  });

  it('reads issue date and document number from a notice with intact text', () => {
    const doc = parsePlanText(
      '某县人民政府关于印发《某县妇女发展规划（2021—2030年）》的通知\n某府发〔2022〕12号\n各乡镇：\n现印发给你们。\n某县人民政府\n2022年3月8日\n某县妇女发展规划（2021—2030年）\n二、发展领域、主要目标和策略措施\n（一）妇女与健康\n主要目标：\n1.甲。\n策略措施：\n1.乙。',
    );
    expect(doc.plans[0]).toMatchObject({
      documentNumber: '某府发〔2022〕12号',
      issuedOn: '2022-03-08',
      periodStart: 2021,
      periodEnd: 2030,
    });
  });

  it('throws NO_PLAN for text without a plan and EMPTY_FILE for blank text', () => {
    const noPlan = () => parsePlanText('这是一份会议纪要。\n一、会议内容\n1.讨论了工作。');
    expect(noPlan).toThrow(PlanImportError);
    try {
      noPlan();
    } catch (e) {
      expect((e as PlanImportError).code).toBe('NO_PLAN');
    }
    expect(() => parsePlanText(' \n\t ')).toThrow(expect.objectContaining({ code: 'EMPTY_FILE' }));
  });

  it('accepts CRLF line endings with the same result', () => {
    const text = fixture(WEINING);
    const lf = parsePlanText(text);
    const crlf = parsePlanText(text.replace(/\n/g, '\r\n'));
    expect(crlf).toEqual(lf);
  });

  it('converts Chinese numerals', () => {
    expect(['一', '九', '十', '十一', '二十', '二十三', '九十九', '', '十十', '百'].map(chineseNumeral)).toEqual([
      1,
      9,
      10,
      11,
      20,
      23,
      99,
      NaN,
      NaN,
      NaN,
    ]);
  });
});

describe('evaluations and issue date read from each plan', () => {
  it('Hongtong asks for mid-term and final evaluations in both plans; Weining names only the final one', () => {
    const hongtong = parsePlanText(fixture(HONGTONG));
    expect(hongtong.plans.map((p) => [p.kind, p.midtermEvaluation])).toEqual([
      ['women', true],
      ['children', true],
    ]);
    expect(parsePlanText(fixture(WEINING)).plans.map((p) => p.midtermEvaluation)).toEqual([false]);
  });

  it('mid-term wording', () => {
    expect(midtermEvaluationOf(['对规划实施实行年度监测、中期评估、终期评估。'])).toBe(true);
    expect(midtermEvaluationOf(['县妇儿工委组织开展中期和终期评估'])).toBe(true);
    expect(midtermEvaluationOf(['对规划实施实行年度监测、终期评估。'])).toBe(false);
    expect(midtermEvaluationOf(['加强监测统计工作。'])).toBeNull();
  });
});
