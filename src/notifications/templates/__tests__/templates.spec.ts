import { describe, it, expect } from '@jest/globals';
import { type DigestInput, buildDigests } from '../../domain/digest.js';
import type { NotificationLocale } from '../../domain/locale.js';
import type { ReminderTrigger } from '../../domain/reminder-policy.js';
import { cleanSubject, shortTitle } from '../email-layout.util.js';
import { escapeHtml, escapeHtmlMultiline, safeHref } from '../escape-html.util.js';
import { messagesFor } from '../messages.js';
import { formatRate, lateUnitsForCircular, renderCircular } from '../render-circular.template.js';
import { renderDigest } from '../render-digest.template.js';
import { renderSuperviseNotice } from '../render-supervise.template.js';
import { renderUrgeNotice } from '../render-urge.template.js';
import { renderDecisionNotice } from '../render-decision.template.js';
import { renderReviewDigest } from '../render-review-digest.template.js';

const trig = (kind: ReminderTrigger['kind'], offsetDays: number): ReminderTrigger => ({
  kind,
  offsetDays,
  key: `${kind}-${Math.abs(offsetDays)}`,
});

const NASTY_UNIT = '市生态环境局威宁分局<测试>&"A"';
const WOMEN = { planId: 1, planTitle: '妇女发展规划（2021—2025年）' };
const CHILDREN = { planId: 2, planTitle: '儿童发展规划 <2021–2025>' };

/** No external assets: no images, stylesheets, scripts, remote fonts or CSS urls. */
function expectSelfContained(html: string): void {
  expect(html).toMatch(/^<!DOCTYPE html>/);
  expect(html).not.toMatch(/<img|<link|<script|<iframe|<style|src=|url\(|@import/i);
}

function digestFor(locale: NotificationLocale, rows: Array<[number, string, typeof WOMEN, ReminderTrigger, string?]>) {
  const items: DigestInput[] = rows.map(([id, dueOn, plan, trigger, title]) => ({
    recipient: { email: 'liaison@example.cn', name: '王<芳>', locale },
    task: {
      id,
      title: title ?? `任务${id}`,
      kindLabel: '年度报告',
      ...plan,
      unitName: NASTY_UNIT,
      dueOn,
      link: `https://luoshi.example/tasks/${id}?a=1&b=2`,
    },
    trigger,
  }));
  const [digest] = buildDigests(items, '2025-06-03');
  return digest;
}

describe('escape helpers', () => {
  it('escape the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;');
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtmlMultiline('a<b\r\nc')).toBe('a&lt;b<br>\nc');
  });

  it('allow only absolute http(s) links as hrefs', () => {
    expect(safeHref('https://x.cn/t/1?a=1&b=2')).toBe('https://x.cn/t/1?a=1&amp;b=2');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('/tasks/1')).toBeNull();
    expect(safeHref('https://x.cn/"onmouseover=')).toBeNull();
  });

  it('keep subjects on one line and shorten long titles', () => {
    expect(cleanSubject('a\r\nBcc: x@y\tz')).toBe('a Bcc: x@y z');
    expect(shortTitle('一'.repeat(80))).toHaveLength(60);
    expect(shortTitle('一'.repeat(80)).endsWith('…')).toBe(true);
  });
});

describe('renderDigest', () => {
  const mixed = [
    [1, '2025-06-05', WOMEN, trig('before', -3)],
    [2, '2025-06-01', WOMEN, trig('overdue', 1)],
    [3, '2025-06-03', CHILDREN, trig('due_today', 0)],
  ] as Array<[number, string, typeof WOMEN, ReminderTrigger]>;

  it('zh-CN: subject says how many, what state and the earliest due date', () => {
    const email = renderDigest(digestFor('zh-CN', mixed));
    expect(email.subject).toBe('【落实提醒】3项任务临近或已逾期：最早截止 2025-06-01');
  });

  it('en: same subject in English', () => {
    const email = renderDigest(digestFor('en', mixed));
    expect(email.subject).toBe('[Luoshi] 3 duties due soon or overdue: earliest due 2025-06-01');
  });

  it('subjects for all-soon, all-overdue and single-task digests', () => {
    const soon = [
      [1, '2025-06-05', WOMEN, trig('before', -3)],
      [2, '2025-06-10', WOMEN, trig('before', -7)],
    ] as Array<[number, string, typeof WOMEN, ReminderTrigger]>;
    const late = [
      [1, '2025-06-02', WOMEN, trig('overdue', 1)],
      [2, '2025-05-26', WOMEN, trig('overdue', 8)],
    ] as Array<[number, string, typeof WOMEN, ReminderTrigger]>;
    expect(renderDigest(digestFor('zh-CN', soon)).subject).toBe('【落实提醒】2项任务临近截止：最早截止 2025-06-05');
    expect(renderDigest(digestFor('en', soon)).subject).toBe('[Luoshi] 2 duties due soon: earliest due 2025-06-05');
    expect(renderDigest(digestFor('zh-CN', late)).subject).toBe('【落实提醒】2项任务已逾期：最早截止 2025-05-26');
    expect(renderDigest(digestFor('en', late)).subject).toBe('[Luoshi] 2 duties overdue: earliest due 2025-05-26');

    const one = (dueOn: string, t: ReminderTrigger) =>
      [[7, dueOn, WOMEN, t, '年度报告（2024年）']] as Array<[number, string, typeof WOMEN, ReminderTrigger, string]>;
    expect(renderDigest(digestFor('zh-CN', one('2025-06-06', trig('before', -3)))).subject).toBe(
      '【落实提醒】“年度报告（2024年）”将于2025-06-06截止（还有3天）',
    );
    expect(renderDigest(digestFor('zh-CN', one('2025-06-03', trig('due_today', 0)))).subject).toBe(
      '【落实提醒】“年度报告（2024年）”今天截止（2025-06-03）',
    );
    expect(renderDigest(digestFor('zh-CN', one('2025-06-02', trig('overdue', 1)))).subject).toBe(
      '【落实提醒】“年度报告（2024年）”已逾期1天（截止2025-06-02）',
    );
    expect(renderDigest(digestFor('en', one('2025-06-04', trig('before', -1)))).subject).toBe(
      '[Luoshi] "年度报告（2024年）" is due 2025-06-04 (in 1 day)',
    );
    expect(renderDigest(digestFor('en', one('2025-06-03', trig('due_today', 0)))).subject).toBe(
      '[Luoshi] "年度报告（2024年）" is due today (2025-06-03)',
    );
    expect(renderDigest(digestFor('en', one('2025-05-26', trig('overdue', 8)))).subject).toBe(
      '[Luoshi] "年度报告（2024年）" is 8 days overdue (due 2025-05-26)',
    );
  });

  it('does not repeat a title that already says its kind, and keeps a label the title lacks', () => {
    const rows = [[3, '2025-06-05', WOMEN, trig('before', -3), '年度报告（规划落实情况）（2024年）']] as Array<
      [number, string, typeof WOMEN, ReminderTrigger, string]
    >;
    const { text, html } = renderDigest(digestFor('zh-CN', rows));
    expect(text).toContain('  - 年度报告（规划落实情况）（2024年） |');
    expect(text).not.toContain('[年度报告]');
    expect(html.split('年度报告').length - 1).toBe(2); // the title in the subject (<title>) and once in the table
    expect(renderDigest(digestFor('zh-CN', mixed)).text).toContain('  - [年度报告] 任务1 |');
  });

  it('footer: at most one reminder a day, formal notices come separately (both languages)', () => {
    expect(renderDigest(digestFor('zh-CN', mixed)).text).toContain(
      '提醒邮件每人每天最多一封；催办、督办、通报等正式通知和办理结果通知另行发送。',
    );
    expect(renderDigest(digestFor('en', mixed)).text).toContain(
      'You receive at most one reminder e-mail a day; formal notices (urging, supervision, circulars) and notices of decisions come separately.',
    );
  });

  it('zh-CN body: plans, due dates, days left/late and links, in HTML and text', () => {
    const { html, text } = renderDigest(digestFor('zh-CN', mixed));
    for (const part of [html, text]) {
      expect(part).toContain('2025-06-01');
      expect(part).toContain('2025-06-03');
      expect(part).toContain('2025-06-05');
      expect(part).toContain('逾期2天');
      expect(part).toContain('今天截止');
      expect(part).toContain('还有2天');
      expect(part).toContain('妇女发展规划（2021—2025年）');
    }
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('href="https://luoshi.example/tasks/2?a=1&amp;b=2"');
    expect(text).toContain('https://luoshi.example/tasks/2?a=1&b=2');
    // Women's plan (earliest 06-01) first, overdue task first within it.
    expect(text.indexOf('任务2')).toBeLessThan(text.indexOf('任务1'));
    expect(text.indexOf('【妇女发展规划')).toBeLessThan(text.indexOf('【儿童发展规划'));
    expectSelfContained(html);
  });

  it('en body', () => {
    const { html, text } = renderDigest(digestFor('en', mixed));
    for (const part of [html, text]) {
      expect(part).toContain('2 days overdue');
      expect(part).toContain('due today');
      expect(part).toContain('2 days left');
      expect(part).toContain('Dear 王');
    }
    expect(html).toContain('<html lang="en">');
    expectSelfContained(html);
  });

  it('escapes unit names, plan titles and recipient names in HTML but not in text', () => {
    const { html, text } = renderDigest(digestFor('zh-CN', mixed));
    expect(html).toContain('市生态环境局威宁分局&lt;测试&gt;&amp;&quot;A&quot;');
    expect(html).toContain('儿童发展规划 &lt;2021–2025&gt;');
    expect(html).toContain('王&lt;芳&gt;');
    expect(html).not.toContain('<测试>');
    expect(html).not.toContain('<2021');
    expect(text).toContain(NASTY_UNIT);
    expect(text).toContain('王<芳>');
  });

  it('does not make an unsafe link clickable', () => {
    const digest = digestFor('zh-CN', [[1, '2025-06-05', WOMEN, trig('before', -3)]]);
    digest.groups[0].tasks[0].link = 'javascript:alert(1)';
    const { html } = renderDigest(digest);
    expect(html).not.toContain('href="javascript');
  });
});

describe('renderUrgeNotice', () => {
  const base = {
    today: '2025-02-03',
    unitName: '威宁自治县卫生健康局',
    tasks: [
      {
        title: '年度报告（2024年）',
        kindLabel: '年度报告',
        planTitle: '妇女发展规划',
        dueOn: '2025-01-31',
        link: 'https://luoshi.example/tasks/9',
      },
    ],
  };

  it('zh-CN (default): subject names the unit, the duty, the delay and the deadline', () => {
    const email = renderUrgeNotice(base);
    expect(email.subject).toBe('【催办】威宁自治县卫生健康局：“年度报告（2024年）”已逾期3天（截止2025-01-31）');
    expect(email.html).toContain('<html lang="zh-CN">');
    for (const part of [email.html, email.text]) {
      expect(part).toContain('催办通知');
      expect(part).toContain('威宁自治县卫生健康局：');
      expect(part).toContain('2025-01-31');
      expect(part).toContain('逾期3天');
    }
    expect(email.text).toContain('截止日期：2025-01-31（逾期3天）');
    expectSelfContained(email.html);
  });

  it('en subject and body', () => {
    const email = renderUrgeNotice({ ...base, locale: 'en', unitName: 'Weining County Health Bureau' });
    expect(email.subject).toBe(
      '[Urging notice] Weining County Health Bureau: "年度报告（2024年）" is 3 days overdue (due 2025-01-31)',
    );
    expect(email.text).toContain('Due date: 2025-01-31 (3 days overdue)');
    expect(email.html).toContain('3 days overdue');
  });

  it('shows the office message escaped, with its line breaks', () => {
    const email = renderUrgeNotice({
      ...base,
      unitName: 'A&B<局>',
      message: '请于<本周五>前提交\n联系人：张三 & 李四',
    });
    expect(email.subject).toBe('【催办】A&B<局>：“年度报告（2024年）”已逾期3天（截止2025-01-31）');
    expect(email.html).toContain('A&amp;B&lt;局&gt;');
    expect(email.html).toContain('请于&lt;本周五&gt;前提交<br>\n联系人：张三 &amp; 李四');
    expect(email.html).toContain('办公室留言');
    expect(email.text).toContain('办公室留言：\n  请于<本周五>前提交\n  联系人：张三 & 李四');
    expect(email.html).not.toContain('<本周五>');
  });

  it('leaves the message block out when there is none', () => {
    expect(renderUrgeNotice({ ...base, message: '  ' }).text).not.toContain('办公室留言');
  });

  it('several tasks of one unit: count and the earliest in the subject, all rows in the body', () => {
    const email = renderUrgeNotice({
      ...base,
      tasks: [
        { title: '监测数据', dueOn: '2025-01-31' },
        { title: '实施方案', dueOn: '2025-01-20' },
        { title: '中期评估报告', dueOn: '2025-02-10' },
      ],
    });
    expect(email.subject).toBe('【催办】威宁自治县卫生健康局：3项任务，最早一项已逾期14天（截止2025-01-20）');
    expect(email.text.indexOf('实施方案')).toBeLessThan(email.text.indexOf('监测数据'));
    expect(email.text).toContain('还有7天');
  });

  it('an office may urge a task that is not yet late', () => {
    const email = renderUrgeNotice({ ...base, tasks: [{ title: '年度报告（2024年）', dueOn: '2025-02-05' }] });
    expect(email.subject).toBe('【催办】威宁自治县卫生健康局：“年度报告（2024年）”将于2025-02-05截止（还有2天）');
    expect(email.text).toContain('尚未办结');
  });

  it('needs at least one task', () => {
    expect(() => renderUrgeNotice({ ...base, tasks: [] })).toThrow(RangeError);
  });
});

describe('renderSuperviseNotice', () => {
  const base = {
    today: '2025-02-10',
    unitName: '威宁自治县卫生健康局',
    tasks: [{ title: '年度报告（2024年）', dueOn: '2025-01-31' }],
    noticeNumber: '威妇儿督〔2025〕3号',
    replyBy: '2025-02-20',
    urgedOn: '2025-02-03',
    officeName: '威宁自治县妇女儿童工作委员会办公室',
    copiedTo: { head: true, office: true },
  };

  it('zh-CN: formal subject and body with number, reply-by date, urging record and copy line', () => {
    const email = renderSuperviseNotice(base);
    expect(email.subject).toBe('【督办】威宁自治县卫生健康局：“年度报告（2024年）”已逾期10天（截止2025-01-31）');
    for (const part of [email.html, email.text]) {
      expect(part).toContain('督办通知');
      expect(part).toContain('编号：威妇儿督〔2025〕3号');
      // One sentence: "以下…" introduces the table, and no "上述" refers back to it afterwards.
      expect(part).toContain('你单位承担的以下任务已逾期，经2025-02-03催办至今仍未办结，现予督办。');
      expect(part).not.toContain('上述');
      expect(part).toContain('于2025-02-20前办结');
      expect(part).toContain('抄送：你单位负责人；威宁自治县妇女儿童工作委员会办公室。');
      expect(part).toContain('威宁自治县妇女儿童工作委员会办公室');
      expect(part).toContain('逾期10天');
    }
    expectSelfContained(email.html);
  });

  it('en', () => {
    const email = renderSuperviseNotice({ ...base, locale: 'en', officeName: undefined });
    expect(email.subject).toBe(
      '[Supervision notice] 威宁自治县卫生健康局: "年度报告（2024年）" is 10 days overdue (due 2025-01-31)',
    );
    expect(email.text).toContain('by 2025-02-20');
    expect(email.text).toContain(
      'The following duty of your unit is overdue; an urging notice was sent on 2025-02-03 and it is still not settled. It is hereby placed under supervision.',
    );
    expect(email.text).toContain('Office of the Working Committee on Women and Children');
    expect(email.html).toContain('Copied to: the head of your unit; the committee office.');
  });

  it('escapes the unit, titles, number and message', () => {
    const email = renderSuperviseNotice({
      ...base,
      unitName: '<b>局</b>',
      tasks: [{ title: 'R&D <报告>', dueOn: '2025-01-31' }],
      noticeNumber: '<1>',
      message: '<script>x</script>',
    });
    expect(email.html).not.toMatch(/<b>|<script|<1>|<报告>/);
    expect(email.html).toContain('&lt;b&gt;局&lt;/b&gt;');
    expect(email.html).toContain('R&amp;D &lt;报告&gt;');
  });

  it('names in the copy line only who really receives a copy, and claims none when nobody does', () => {
    expect(renderSuperviseNotice({ ...base, copiedTo: { head: true, office: false } }).text).toContain(
      '抄送：你单位负责人。\n',
    );
    expect(renderSuperviseNotice({ ...base, copiedTo: { head: false, office: true } }).text).toContain(
      '抄送：威宁自治县妇女儿童工作委员会办公室。\n',
    );
    const none = renderSuperviseNotice({ ...base, copiedTo: undefined });
    for (const part of [none.text, none.html]) expect(part).not.toContain('抄送');
    expect(renderSuperviseNotice({ ...base, locale: 'en', copiedTo: { head: true, office: false } }).text).toContain(
      'Copied to: the head of your unit.\n',
    );
  });

  it('works without the optional parts', () => {
    const email = renderSuperviseNotice({ today: base.today, unitName: base.unitName, tasks: base.tasks });
    expect(email.text).not.toContain('编号');
    expect(email.text).not.toContain('催办，');
    expect(email.text).toContain('尽快办结');
  });
});

describe('renderDecisionNotice', () => {
  const base = {
    today: '2025-06-10',
    unitName: '自治县民政局',
    title: '妇女社会保障情况报告',
    dueOn: '2025-06-30',
    link: 'http://localhost:3000/tasks/5',
    officeName: '威宁自治县妇女儿童工作委员会办公室',
  };

  it("says what was decided, with the reason and the new date, in the recipient's language", () => {
    const returned = renderDecisionNotice({ ...base, kind: 'returned', reason: '缺少数据来源' });
    expect(returned.subject).toBe('【落实通知】“妇女社会保障情况报告”已退回，请修改后重新提交');
    expect(returned.text).toContain('办公室意见：\n  缺少数据来源');
    const approved = renderDecisionNotice({
      ...base,
      kind: 'extension_approved',
      previousDueOn: '2025-06-30',
      dueOn: '2025-07-15',
      locale: 'en',
    });
    expect(approved.subject).toBe('[Luoshi] Extension for "妇女社会保障情况报告" approved: now due 2025-07-15');
    expect(approved.text).toContain('the deadline moves from 2025-06-30 to 2025-07-15');
    expect(renderDecisionNotice({ ...base, kind: 'assigned' }).subject).toBe(
      '【落实通知】交办任务“妇女社会保障情况报告”，截止2025-06-30',
    );
    expect(renderDecisionNotice({ ...base, kind: 'extension_rejected', reason: '理由不充分' }).text).toContain(
      '截止日期仍为2025-06-30',
    );
    expectSelfContained(renderDecisionNotice({ ...base, kind: 'accepted' }).html);
  });
});

describe('renderReviewDigest', () => {
  it('lists every submission waiting, once a day', () => {
    const email = renderReviewDigest({
      today: '2025-06-10',
      tasks: [
        {
          id: 1,
          title: '实施方案',
          unitName: '自治县民政局',
          planTitle: '妇女规划',
          dueOn: '2025-06-30',
          submittedOn: '2025-06-08',
          link: 'http://localhost:3000/tasks/1',
        },
        {
          id: 2,
          title: '年度报告',
          unitName: '自治县妇联',
          planTitle: '妇女规划',
          dueOn: '2025-06-30',
          submittedOn: '2025-06-09',
          link: 'http://localhost:3000/tasks/2',
        },
      ],
    });
    expect(email.subject).toBe('【落实】2份提交待审核（截至2025-06-10）');
    expect(email.text).toContain('1. 实施方案 | 自治县民政局 | 提交日期 2025-06-08');
    expect(email.text).toContain('2. 年度报告 | 自治县妇联 | 提交日期 2025-06-09');
  });
});

describe('renderCircular', () => {
  const units = [
    { unitName: '自治县教育科技局', overdueCount: 2, onTimeRate: 0.5, completionRate: 2 / 3, maxDaysLate: 12 },
    { unitName: '自治县民政局', overdueCount: 0, onTimeRate: 1, completionRate: 1 },
    { unitName: 'A&B<妇联>', overdueCount: 3, onTimeRate: 0.25, completionRate: 0.4, maxDaysLate: 40 },
    { unitName: '自治县卫生健康局', overdueCount: 2, onTimeRate: 0.4, completionRate: null, maxDaysLate: 5 },
  ];

  it('names only late units, most overdue first, then the lower on-time rate', () => {
    expect(lateUnitsForCircular(units).map((u) => u.unitName)).toEqual([
      'A&B<妇联>',
      '自治县卫生健康局',
      '自治县教育科技局',
    ]);
  });

  it('orders units equal on the figures by name in Chinese collation (not code point) and gives them one rank', () => {
    const tied = [
      { unitName: '自治县卫生健康局', overdueCount: 2, onTimeRate: 0.5 },
      { unitName: '自治县妇联', overdueCount: 2, onTimeRate: 0.5 },
      { unitName: '自治县财政局', overdueCount: 1, onTimeRate: 0.5 },
    ];
    expect(lateUnitsForCircular(tied).map((u) => u.unitName)).toEqual([
      '自治县妇联',
      '自治县卫生健康局',
      '自治县财政局',
    ]);
    const email = renderCircular({ asOf: '2025-02-10', units: tied });
    expect(email.text).toContain('1 | 自治县妇联 | 2 | 50%');
    expect(email.text).toContain('1 | 自治县卫生健康局 | 2 | 50%');
    expect(email.text).toContain('3 | 自治县财政局 | 1 | 50%');
  });

  it('formats rates', () => {
    expect(formatRate(2 / 3)).toBe('66.7%');
    expect(formatRate(1)).toBe('100%');
    expect(formatRate(0)).toBe('0%');
    expect(formatRate(0.125)).toBe('12.5%');
    expect(formatRate(null)).toBe('—');
  });

  it('zh-CN: subject with date, unit count and total; table with counts and rates; escaped names', () => {
    const email = renderCircular({
      asOf: '2025-02-10',
      units,
      message: '请各单位引以为戒。',
      officeName: '威宁自治县妇儿工委办公室',
    });
    expect(email.subject).toBe('【通报】截至2025-02-10，3个成员单位有逾期任务（共7项）');
    expect(email.text).toContain('共有3个成员单位的7项任务逾期未完成');
    expect(email.text).toContain('1 | A&B<妇联> | 3 | 25% | 40% | 40');
    expect(email.text).toContain('2 | 自治县卫生健康局 | 2 | 40% | — | 5');
    expect(email.text).toContain('3 | 自治县教育科技局 | 2 | 50% | 66.7% | 12');
    expect(email.text).not.toContain('自治县民政局');
    expect(email.html).toContain('A&amp;B&lt;妇联&gt;');
    expect(email.html).not.toContain('<妇联>');
    expect(email.html).toContain('66.7%');
    expect(email.html).toContain('请各单位引以为戒。');
    expect(email.html).toContain('各成员单位：');
    expectSelfContained(email.html);
  });

  it('en with a scope', () => {
    const email = renderCircular({ locale: 'en', asOf: '2025-02-10', units, scope: 'duties for 2024' });
    expect(email.subject).toBe(
      '[Circular] As of 2025-02-10, 3 member units have overdue duties (7 in total, duties for 2024)',
    );
    expect(email.text).toContain('7 duties of 3 member units are overdue');
    expect(email.text).toContain('On-time rate');
  });

  it('says so when no unit is late, and leaves out empty columns', () => {
    const email = renderCircular({
      asOf: '2025-02-10',
      units: [{ unitName: '自治县民政局', overdueCount: 0, onTimeRate: 1 }],
    });
    expect(email.subject).toBe('【通报】截至2025-02-10，无成员单位逾期');
    expect(email.text).toContain('各成员单位均无逾期任务');
    const lean = renderCircular({ asOf: '2025-02-10', units: [{ unitName: 'X', overdueCount: 1 }] });
    expect(lean.text).toContain('序号 | 单位 | 逾期任务数 | 按时完成率\n1 | X | 1 | —');
  });

  it('rejects figures that cannot be right', () => {
    expect(() =>
      renderCircular({ asOf: '2025-02-10', units: [{ unitName: 'X', overdueCount: 1, onTimeRate: 50 }] }),
    ).toThrow(/onTimeRate/);
    expect(() => renderCircular({ asOf: '2025-02-10', units: [{ unitName: 'X', overdueCount: -1 }] })).toThrow(
      /overdueCount/,
    );
  });
});

describe('messages', () => {
  it('default to zh-CN', () => {
    expect(messagesFor(undefined)).toBe(messagesFor('zh-CN'));
    expect(messagesFor('en').daysLate(1)).toBe('1 day overdue');
    expect(messagesFor('zh-CN').daysLate(1)).toBe('逾期1天');
  });
});
