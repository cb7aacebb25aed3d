/**
 * 年度工作报告 (the annual report upward) for one plan and year, and its monitoring-data table as
 * .xlsx for the statistics bureau. The figures come from the supervision module (goal view,
 * indicator status rule, rates); this only lays them out.
 */
import ExcelJS from 'exceljs';
import {
  ITEM_PROGRESS_LABELS,
  TASK_STATE_LABELS,
  type ItemProgress,
  type TaskState,
} from '../../duties/domain/task-lifecycle.js';
import type { GoalIndicatorStatus, IndicatorStatus } from '../../supervision/domain/indicator-status.js';
import { indicatorStatusLabel } from '../../common/i18n/indicator-labels.js';
import { centred, heading, para, percent, signature, table, title, toDocx, type Block } from './docx-kit.js';

/** The status of an indicator or goal as the report says it (the API's words, common/i18n). */
const statusLabel = (status: IndicatorStatus | GoalIndicatorStatus): string => indicatorStatusLabel(status, 'zh-CN')!;

export interface AnnualUnitReport {
  unitName: string;
  role: 'lead' | 'responsible' | string;
  progress: string;
  narrative: string | null;
}

export interface AnnualIndicatorRow {
  areaNumber: number;
  goalNumber: number;
  name: string;
  comparator: string;
  target: number | null;
  measure: string | null;
  previousValue: number | null;
  value: number | null;
  status: IndicatorStatus;
}

export interface AnnualGoal {
  areaNumber: number;
  areaName: string;
  goalNumber: number;
  text: string;
  lead: string[];
  responsible: string[];
  allMembersLead: boolean;
  allMembersResponsible: boolean;
  reports: AnnualUnitReport[];
  indicators: AnnualIndicatorRow[];
  indicatorStatus: GoalIndicatorStatus | null;
}

export interface AnnualUnitRates {
  name: string;
  expected: number;
  submitted: number;
  onTimeRate: number | null;
  completionRate: number | null;
  overdueOpen: number;
}

export interface AnnualOpenDuty {
  taskId: number;
  unitName: string;
  title: string;
  dueOn: string;
  state: TaskState;
  daysLate: number | null;
}

export interface AnnualReportInput {
  committeeName: string;
  officeName: string;
  planTitle: string;
  periodStart: number;
  periodEnd: number;
  year: number;
  asOf: string;
  goals: AnnualGoal[];
  rates: AnnualUnitRates[];
  openDuties: AnnualOpenDuty[];
}

const CN_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const cn = (n: number) => CN_NUMBERS[n - 1] ?? String(n);

function valueText(v: number | null, measure: string | null): string {
  return v === null ? '—' : `${Number(v.toFixed(4))}${measure ?? ''}`;
}

function targetText(i: AnnualIndicatorRow): string {
  if (i.target === null) return i.comparator || '—';
  return `${i.comparator}${Number(i.target.toFixed(4))}${i.measure ?? ''}`;
}

/** The monitoring table's rows, shared by the Word table and the workbook. */
export function monitoringRows(input: Pick<AnnualReportInput, 'goals'>): string[][] {
  return input.goals.flatMap((g) =>
    g.indicators.map((i) => [
      `${g.areaNumber}.${g.goalNumber}`,
      i.name,
      targetText(i),
      valueText(i.previousValue, i.measure),
      valueText(i.value, i.measure),
      statusLabel(i.status),
    ]),
  );
}
export const MONITORING_HEADERS = ['目标', '指标', '目标值', '上年值', '本年值', '状态'];

export function annualBlocks(r: AnnualReportInput): Block[] {
  const blocks: Block[] = [
    centred(r.committeeName, { heading: true }),
    title(`《${r.planTitle}》${r.year}年度工作报告`),
    para(
      `《${r.planTitle}》实施期为${r.periodStart}—${r.periodEnd}年。现将${r.year}年度规划实施情况报告如下（数据截至${r.asOf}）。`,
    ),
  ];
  let section = 1;
  blocks.push(heading(`${cn(section++)}、各领域目标落实情况`));
  let area = -1;
  for (const g of r.goals) {
    if (g.areaNumber !== area) {
      area = g.areaNumber;
      blocks.push(para(`（${cn(g.areaNumber)}）${g.areaName}`, { bold: true }));
    }
    blocks.push(para(`${g.goalNumber}. ${g.text}`));
    const lead = g.allMembersLead ? [...g.lead, '各成员单位'] : g.lead;
    const responsible = g.allMembersResponsible ? [...g.responsible, '各成员单位'] : g.responsible;
    blocks.push(para(`牵头单位：${lead.join('、') || '—'}；责任单位：${responsible.join('、') || '—'}。`));
    for (const u of g.reports) {
      const progress = ITEM_PROGRESS_LABELS[u.progress as ItemProgress]?.['zh-CN'] ?? u.progress;
      blocks.push(
        para(
          `${u.unitName}（${u.role === 'lead' ? '牵头' : '责任'}，${progress}）：${u.narrative?.trim() || '未填报进展情况。'}`,
        ),
      );
    }
    if (g.indicators.length > 0) {
      blocks.push(
        para(
          `指标：${g.indicators.map((i) => `${i.name}，目标${targetText(i)}，本年${valueText(i.value, i.measure)}，${statusLabel(i.status)}`).join('；')}。`,
        ),
      );
    }
  }

  blocks.push(heading(`${cn(section++)}、指标监测情况`));
  const statusCount = new Map<string, number>();
  for (const g of r.goals)
    for (const i of g.indicators)
      statusCount.set(statusLabel(i.status), (statusCount.get(statusLabel(i.status)) ?? 0) + 1);
  const indicatorTotal = r.goals.reduce((n, g) => n + g.indicators.length, 0);
  blocks.push(
    para(
      indicatorTotal
        ? `本年度监测指标${indicatorTotal}项，其中${[...statusCount].map(([k, v]) => `${k}${v}项`).join('，')}。`
        : '本年度无监测指标。',
    ),
  );
  if (indicatorTotal) blocks.push(table(MONITORING_HEADERS, monitoringRows(r), [9, 39, 14, 12, 12, 14]));

  blocks.push(heading(`${cn(section++)}、各单位报送情况`));
  blocks.push(
    table(
      ['单位', '应报送', '已报送', '按时报送率', '完成率', '逾期未办结'],
      r.rates.map((u) => [
        u.name,
        String(u.expected),
        String(u.submitted),
        percent(u.onTimeRate),
        percent(u.completionRate),
        String(u.overdueOpen),
      ]),
      [34, 12, 12, 15, 12, 15],
    ),
  );

  blocks.push(heading(`${cn(section)}、尚未办结的任务`));
  if (r.openDuties.length === 0) blocks.push(para(`${r.year}年度任务均已办结。`));
  else {
    blocks.push(para(`${r.year}年度尚有${r.openDuties.length}项任务未办结：`));
    blocks.push(
      table(
        ['单位', '任务', '截止日期', '状态', '逾期天数'],
        r.openDuties.map((d) => [
          d.unitName,
          d.title,
          d.dueOn,
          TASK_STATE_LABELS[d.state]['zh-CN'],
          d.daysLate ? String(d.daysLate) : '—',
        ]),
        [22, 40, 14, 12, 12],
      ),
    );
  }
  blocks.push(...signature(r.officeName, r.asOf));
  return blocks;
}

export function annualDocx(r: AnnualReportInput): Promise<Buffer> {
  return toDocx(annualBlocks(r), { title: `${r.planTitle} ${r.year}年度工作报告`, creator: r.officeName });
}

/** The year's monitoring data as a workbook (one sheet of values, one of what it covers). */
export async function monitoringXlsx(r: AnnualReportInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = r.officeName;
  const sheet = wb.addWorksheet(`${r.year}年监测数据`, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: '领域', width: 18 },
    { header: '目标', width: 8 },
    { header: '指标', width: 40 },
    { header: '目标值', width: 14 },
    { header: '计量单位', width: 10 },
    { header: '上年值', width: 10 },
    { header: '本年值', width: 10 },
    { header: '状态', width: 12 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const g of r.goals) {
    for (const i of g.indicators) {
      sheet.addRow([
        g.areaName,
        `${g.areaNumber}.${g.goalNumber}`,
        i.name,
        targetText(i),
        i.measure ?? '',
        i.previousValue,
        i.value,
        statusLabel(i.status),
      ]);
    }
  }
  const about = wb.addWorksheet('说明');
  about.columns = [{ width: 14 }, { width: 60 }];
  about.addRow(['妇儿工委', r.committeeName]);
  about.addRow(['规划', r.planTitle]);
  about.addRow(['年度', r.year]);
  about.addRow(['统计时点', r.asOf]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function annualFileName(planTitle: string, year: number, ext: 'docx' | 'xlsx'): string {
  const safe = planTitle.replace(/[\\/:*?"<>|\s]+/g, '').slice(0, 60);
  return ext === 'docx' ? `${safe}-${year}年度工作报告.docx` : `${safe}-${year}年监测数据.xlsx`;
}
