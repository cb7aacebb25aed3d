/**
 * 通报 as a Word document: the same wording and figures as the e-mailed circular (its messages
 * and its order of late units), plus each late unit's overdue tasks with days late and the full
 * ranking, ranked units apart from the units with nothing due.
 */
import { messagesFor } from '../../notifications/templates/messages.js';
import {
  lateUnitsForCircular,
  type CircularUnitFigures,
} from '../../notifications/templates/render-circular.template.js';
import { centred, heading, para, percent, signature, table, title, toDocx, type Block } from './docx-kit.js';

export interface CircularOverdueTask {
  taskId: number;
  title: string;
  dueOn: string;
  daysLate: number;
}

export interface CircularRankRow {
  rank: number | null;
  name: string;
  expected: number;
  submitted: number;
  onTimeRate: number | null;
  completionRate: number | null;
  overdueOpen: number;
}

export interface CircularDocumentInput {
  committeeName: string;
  officeName: string;
  asOf: string;
  scope?: string;
  /** Every member unit's figures, as the e-mailed circular gets them. */
  units: CircularUnitFigures[];
  /** Open overdue tasks by unit name. */
  overdueTasks: ReadonlyMap<string, CircularOverdueTask[]>;
  ranking: CircularRankRow[];
}

export function circularBlocks(input: CircularDocumentInput): Block[] {
  const c = messagesFor('zh-CN').circular;
  const late = lateUnitsForCircular(input.units);
  const total = late.reduce((n, u) => n + u.overdueCount, 0);
  const blocks: Block[] = [
    centred(input.committeeName, { heading: true }),
    title(c.heading),
    para(c.addressee, { indent: false }),
    para(late.length > 0 ? c.intro(input.asOf, late.length, total, input.scope) : c.noneLate(input.asOf, input.scope)),
  ];
  if (late.length > 0) {
    blocks.push(heading('一、逾期未办结的单位和任务'));
    blocks.push(
      table(
        [c.columns.rank, c.columns.unit, c.columns.overdue, c.columns.onTimeRate, '逾期任务（截止日期，逾期天数）'],
        late.map((u, i) => {
          const tasks = input.overdueTasks.get(u.unitName) ?? [];
          return [
            String(i + 1),
            u.unitName,
            String(u.overdueCount),
            percent(u.onTimeRate),
            tasks.length ? tasks.map((t) => `${t.title}（${t.dueOn}截止，逾期${t.daysLate}天）`).join('\n') : '—',
          ];
        }),
        [8, 20, 12, 12, 48],
      ),
    );
  }
  const ranked = input.ranking.filter((r) => r.rank !== null);
  const unranked = input.ranking.filter((r) => r.rank === null);
  blocks.push(heading(`${late.length > 0 ? '二' : '一'}、各成员单位任务完成情况排名`));
  if (ranked.length > 0) {
    blocks.push(
      table(
        ['名次', '单位', '应完成', '已提交', '按时完成率', '完成率', '逾期未办结'],
        ranked.map((r) => [
          String(r.rank),
          r.name,
          String(r.expected),
          String(r.submitted),
          percent(r.onTimeRate),
          percent(r.completionRate),
          String(r.overdueOpen),
        ]),
        [9, 31, 10, 10, 14, 12, 14],
      ),
    );
  } else {
    blocks.push(para('截至统计时点，尚无成员单位有到期任务，暂不排名。'));
  }
  if (unranked.length > 0)
    blocks.push(para(`以下单位暂无到期任务，不参加排名：${unranked.map((r) => r.name).join('、')}。`));
  if (late.length > 0) blocks.push(para(c.request));
  blocks.push(...signature(input.officeName, input.asOf));
  return blocks;
}

export function circularDocx(input: CircularDocumentInput): Promise<Buffer> {
  return toDocx(circularBlocks(input), {
    title: `${input.committeeName}${messagesFor('zh-CN').circular.heading}`,
    creator: input.officeName,
  });
}

export function circularFileName(asOf: string): string {
  return `通报-${asOf}.docx`;
}
