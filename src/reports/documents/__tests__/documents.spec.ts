import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { readDocx } from '../../../../test/helpers/docx-text.js';
import { circularDocx } from '../circular.document.js';
import { formatNoticeNumber, noticeDocx, replyByOf, type NoticeDocumentInput } from '../notice.document.js';
import { annualDocx, monitoringRows, monitoringXlsx, type AnnualReportInput } from '../annual.document.js';

const notice: NoticeDocumentInput = {
  level: 'supervise',
  number: formatNoticeNumber(2024, 3),
  committeeName: '威宁自治县妇女儿童工作委员会',
  officeName: '威宁自治县妇女儿童工作委员会办公室',
  unitName: '自治县教育科技局',
  headName: '张华',
  planTitle: '威宁自治县妇女发展规划（2021—2025年）',
  taskId: 17,
  taskTitle: '2023年度规划实施情况报告',
  dueOn: '2024-01-31',
  originalDueOn: '2024-01-31',
  daysLate: 5,
  issuedOn: '2024-02-05',
  urgedOn: '2024-02-02',
  replyBy: '2024-02-10',
};

describe('notice numbers and deadlines', () => {
  it('writes 〔year〕第n号 and refuses what is no number', () => {
    expect(formatNoticeNumber(2024, 3)).toBe('〔2024〕第3号');
    expect(formatNoticeNumber(2025, 12)).toBe('〔2025〕第12号');
    expect(() => formatNoticeNumber(2024, 0)).toThrow(RangeError);
    expect(() => formatNoticeNumber(2024, 1.5)).toThrow(RangeError);
  });
  it('gives a 催办 seven days and a 督办 five unless the office sets the day', () => {
    expect(replyByOf('urge', '2024-02-05')).toBe('2024-02-12');
    expect(replyByOf('supervise', '2024-02-27')).toBe('2024-03-03'); // across a leap February
    expect(replyByOf('supervise', '2024-02-05', '2024-02-20')).toBe('2024-02-20');
  });
});

describe('督办通知书', () => {
  it('says what is late, since when, the 催办 before it, by when, and copies the unit head', async () => {
    const doc = await readDocx(await noticeDocx(notice));
    expect(doc.paragraphs.slice(0, 4)).toEqual([
      '威宁自治县妇女儿童工作委员会',
      '督办通知书',
      '〔2024〕第3号',
      '自治县教育科技局：',
    ]);
    expect(doc.text).toContain(
      '你单位承担的《威宁自治县妇女发展规划（2021—2025年）》确定的任务“2023年度规划实施情况报告”（任务编号17）应于2024年1月31日前完成，截至2024年2月5日仍未办结，已逾期5天。本办已于2024年2月2日发出催办，至今仍未办结，现予督办。',
    );
    expect(doc.text).toContain('于2024年2月10日前办结');
    expect(doc.text).toContain('抄送：自治县教育科技局负责人张华同志。');
    expect(doc.text).toContain('威宁自治县妇女儿童工作委员会办公室\n2024年2月5日');
  });
  it('addresses 单位主要负责人 when the unit names no head, and a 催办 quotes no earlier step', async () => {
    const doc = await readDocx(
      await noticeDocx({ ...notice, level: 'urge', headName: null, urgedOn: null, number: '〔2024〕第1号' }),
    );
    expect(doc.paragraphs[1]).toBe('催办通知书');
    expect(doc.text).toContain('现予催办。');
    expect(doc.text).not.toContain('发出催办');
    expect(doc.text).toContain('抄送：自治县教育科技局主要负责人。');
  });
  it('is an A4 page with 仿宋/黑体 and their alternates, and the page number in the footer', async () => {
    const doc = await readDocx(await noticeDocx(notice));
    expect(doc.documentXml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(doc.documentXml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(doc.documentXml).toContain('w:eastAsia="黑体"');
    expect(doc.fontTable).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋,FangSong,SimSun"/>');
    expect(doc.fontTable).toContain('<w:font w:name="黑体"><w:altName w:val="SimHei,Microsoft YaHei"/>');
    expect(doc.footers.join('')).toMatch(/PAGE/);
    expect(doc.documentXml).not.toContain('<w:drawing');
  });
});

describe('通报', () => {
  it('names the late units most overdue first with their tasks and days late, and lists units with nothing due apart', async () => {
    const doc = await readDocx(
      await circularDocx({
        committeeName: '威宁自治县妇女儿童工作委员会',
        officeName: '办公室',
        asOf: '2024-02-05',
        units: [
          { unitName: '自治县民政局', overdueCount: 1, onTimeRate: 0.5 },
          { unitName: '自治县妇联', overdueCount: 0, onTimeRate: 1 },
          { unitName: '自治县财政局', overdueCount: 2, onTimeRate: 0 },
          { unitName: '自治县科协', overdueCount: 0, onTimeRate: null },
        ],
        overdueTasks: new Map([
          [
            '自治县财政局',
            [
              { taskId: 1, title: '实施方案', dueOn: '2023-06-05', daysLate: 245 },
              { taskId: 2, title: '2023年度报告', dueOn: '2024-01-31', daysLate: 5 },
            ],
          ],
          ['自治县民政局', [{ taskId: 3, title: '2023年度报告', dueOn: '2024-01-31', daysLate: 5 }]],
        ]),
        ranking: [
          { rank: 1, name: '自治县妇联', expected: 2, submitted: 2, onTimeRate: 1, completionRate: 1, overdueOpen: 0 },
          {
            rank: 2,
            name: '自治县民政局',
            expected: 2,
            submitted: 1,
            onTimeRate: 0.5,
            completionRate: 0.5,
            overdueOpen: 1,
          },
          {
            rank: 3,
            name: '自治县财政局',
            expected: 2,
            submitted: 0,
            onTimeRate: 0,
            completionRate: 0,
            overdueOpen: 2,
          },
          {
            rank: null,
            name: '自治县科协',
            expected: 0,
            submitted: 0,
            onTimeRate: null,
            completionRate: null,
            overdueOpen: 0,
          },
        ],
      }),
    );
    expect(doc.text).toContain('截至2024-02-05，共有2个成员单位的3项任务逾期未完成');
    const rows = doc.paragraphs;
    const lateTable = rows.slice(
      rows.indexOf('逾期任务（截止日期，逾期天数）') + 1,
      rows.indexOf('二、各成员单位任务完成情况排名'),
    );
    expect(lateTable).toEqual([
      '1',
      '自治县财政局',
      '2',
      '0%',
      '实施方案（2023-06-05截止，逾期245天）',
      '2023年度报告（2024-01-31截止，逾期5天）',
      '2',
      '自治县民政局',
      '1',
      '50%',
      '2023年度报告（2024-01-31截止，逾期5天）',
    ]);
    expect(doc.text).toContain('3\n自治县财政局\n2\n0\n0%\n0%\n2');
    expect(doc.text).toContain('以下单位暂无到期任务，不参加排名：自治县科协。');
    expect(doc.text).toContain('请上述单位高度重视');
  });
});

describe('年度工作报告', () => {
  const input: AnnualReportInput = {
    committeeName: '威宁自治县妇女儿童工作委员会',
    officeName: '办公室',
    planTitle: '威宁自治县妇女发展规划（2021—2025年）',
    periodStart: 2021,
    periodEnd: 2025,
    year: 2023,
    asOf: '2024-02-05',
    goals: [
      {
        areaNumber: 1,
        areaName: '妇女与健康',
        goalNumber: 1,
        text: '妇女全生命周期享有良好的卫生健康服务。',
        lead: ['自治县卫生健康局'],
        responsible: ['自治县医保局'],
        allMembersLead: false,
        allMembersResponsible: true,
        reports: [
          { unitName: '自治县卫生健康局', role: 'lead', progress: 'on_track', narrative: '开展妇女健康讲座12场。' },
          { unitName: '自治县医保局', role: 'responsible', progress: 'not_started', narrative: null },
        ],
        indicators: [
          {
            areaNumber: 1,
            goalNumber: 1,
            name: '孕产妇死亡率',
            comparator: '≤',
            target: 14,
            measure: '/10万',
            previousValue: 15.2,
            value: 13.5,
            status: 'met',
          },
          {
            areaNumber: 1,
            goalNumber: 1,
            name: '宫颈癌筛查率',
            comparator: '≥',
            target: 70,
            measure: '%',
            previousValue: null,
            value: null,
            status: 'no_data',
          },
        ],
        indicatorStatus: 'data_incomplete',
      },
    ],
    rates: [
      { name: '自治县卫生健康局', expected: 2, submitted: 2, onTimeRate: 1, completionRate: 0.5, overdueOpen: 0 },
      { name: '自治县医保局', expected: 2, submitted: 0, onTimeRate: 0, completionRate: 0, overdueOpen: 2 },
    ],
    openDuties: [
      {
        taskId: 9,
        unitName: '自治县医保局',
        title: '2023年度规划实施情况报告',
        dueOn: '2024-01-31',
        state: 'assigned',
        daysLate: 5,
      },
    ],
  };

  it('holds the plan, goals with lead and responsible units, what units reported, indicators, rates and open duties', async () => {
    const doc = await readDocx(await annualDocx(input));
    expect(doc.paragraphs[1]).toBe('《威宁自治县妇女发展规划（2021—2025年）》2023年度工作报告');
    expect(doc.text).toContain('牵头单位：自治县卫生健康局；责任单位：自治县医保局、各成员单位。');
    expect(doc.text).toContain('自治县卫生健康局（牵头，正常推进）：开展妇女健康讲座12场。');
    expect(doc.text).toContain('自治县医保局（责任，未启动）：未填报进展情况。');
    expect(doc.text).toContain(
      '指标：孕产妇死亡率，目标≤14/10万，本年13.5/10万，已达标；宫颈癌筛查率，目标≥70%，本年—，无数据。',
    );
    expect(doc.text).toContain('本年度监测指标2项，其中已达标1项，无数据1项。');
    expect(doc.text).toContain('自治县医保局\n2\n0\n0%\n0%\n2');
    expect(doc.text).toContain('2023年度尚有1项任务未办结');
    expect(doc.text).toContain('自治县医保局\n2023年度规划实施情况报告\n2024-01-31\n已交办\n5');
  });

  it('names 各成员单位 among the lead units of a goal they lead (not among the responsible)', async () => {
    const goal = { ...input.goals[0]!, allMembersLead: true, allMembersResponsible: false };
    const doc = await readDocx(await annualDocx({ ...input, goals: [goal] }));
    expect(doc.text).toContain('牵头单位：自治县卫生健康局、各成员单位；责任单位：自治县医保局。');
  });

  it('gives the monitoring table as a workbook the statistics bureau can read', async () => {
    expect(monitoringRows(input)).toEqual([
      ['1.1', '孕产妇死亡率', '≤14/10万', '15.2/10万', '13.5/10万', '已达标'],
      ['1.1', '宫颈癌筛查率', '≥70%', '—', '—', '无数据'],
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await monitoringXlsx(input)) as never);
    const sheet = wb.getWorksheet('2023年监测数据')!;
    expect(sheet.rowCount).toBe(3);
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual([
      '妇女与健康',
      '1.1',
      '孕产妇死亡率',
      '≤14/10万',
      '/10万',
      15.2,
      13.5,
      '已达标',
    ]);
    expect(sheet.getRow(3).getCell(7).value).toBeNull();
  });
});
