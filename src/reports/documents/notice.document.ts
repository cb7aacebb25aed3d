/**
 * 催办通知书 / 督办通知书 for one late task of one unit: what is late, since when, the previous
 * step's date, what is required by when, copied to the unit's head; numbered 〔2024〕第3号.
 */
import { addDays } from '../../common/time/calendar-date.util.js';
import { centred, chineseDate, para, signature, table, title, toDocx, type Block } from './docx-kit.js';

export type NoticeLevel = 'urge' | 'supervise';
export const NOTICE_LEVELS: readonly NoticeLevel[] = ['urge', 'supervise'];

export const NOTICE_TITLES: Record<NoticeLevel, string> = { urge: '催办通知书', supervise: '督办通知书' };

/** Days the unit is given from the notice's date: a 督办 allows less than a 催办. */
export const REPLY_DAYS: Record<NoticeLevel, number> = { urge: 7, supervise: 5 };

/** 〔2024〕第3号. */
export function formatNoticeNumber(year: number, seq: number): string {
  if (!Number.isInteger(year) || !Number.isInteger(seq) || seq < 1)
    throw new RangeError(`bad notice number ${year}/${seq}`);
  return `〔${year}〕第${seq}号`;
}

/** The day the unit must have settled the task: the office's date, or the notice's date plus REPLY_DAYS. */
export function replyByOf(level: NoticeLevel, issuedOn: string, given?: string): string {
  return given ?? addDays(issuedOn, REPLY_DAYS[level]);
}

export interface NoticeDocumentInput {
  level: NoticeLevel;
  number: string;
  committeeName: string;
  officeName: string;
  unitName: string;
  /** The unit's head as the unit record names them; null: addressed to 单位主要负责人. */
  headName: string | null;
  planTitle: string | null;
  taskId: number;
  taskTitle: string;
  dueOn: string;
  /** The deadline first set, when an extension moved it. */
  originalDueOn: string | null;
  daysLate: number;
  issuedOn: string;
  /** The 催办 already sent for this deadline (the escalation store); for a 督办 the previous step. */
  urgedOn: string | null;
  replyBy: string;
}

export function noticeBlocks(n: NoticeDocumentInput): Block[] {
  const name = NOTICE_TITLES[n.level];
  const plan = n.planTitle ? `《${n.planTitle}》确定的` : '';
  const late =
    n.daysLate > 0
      ? `截至${chineseDate(n.issuedOn)}仍未办结，已逾期${n.daysLate}天`
      : `截至${chineseDate(n.issuedOn)}尚未办结`;
  const previous =
    n.level === 'supervise'
      ? n.urgedOn
        ? `本办已于${chineseDate(n.urgedOn)}发出催办，至今仍未办结，现予督办。`
        : '现予督办。'
      : '现予催办。';
  const request =
    n.level === 'supervise'
      ? `请你单位高度重视，于${chineseDate(n.replyBy)}前办结并在系统中提交；确有困难的，请书面说明原因及办理时限。`
      : `请你单位抓紧办理，于${chineseDate(n.replyBy)}前在系统中提交；确需延期的，请在系统中提出延期申请并说明理由。`;
  return [
    centred(n.committeeName, { heading: true }),
    title(name),
    centred(n.number),
    para(`${n.unitName}：`, { indent: false }),
    para(
      `你单位承担的${plan}任务“${n.taskTitle}”（任务编号${n.taskId}）应于${chineseDate(n.dueOn)}前完成，${late}。${previous}`,
    ),
    table(
      ['事项', '内容'],
      [
        ['任务', n.taskTitle],
        ['截止日期', n.dueOn + (n.originalDueOn && n.originalDueOn !== n.dueOn ? `（原定${n.originalDueOn}）` : '')],
        ['逾期天数', String(Math.max(0, n.daysLate))],
        ['前次催办', n.urgedOn ?? '—'],
        ['办结时限', n.replyBy],
      ],
      [25, 75],
    ),
    para(request),
    ...signature(n.officeName, n.issuedOn),
    para(`抄送：${n.unitName}${n.headName ? `负责人${n.headName}同志` : '主要负责人'}。`, { indent: false }),
  ];
}

export function noticeDocx(n: NoticeDocumentInput): Promise<Buffer> {
  return toDocx(noticeBlocks(n), { title: `${NOTICE_TITLES[n.level]} ${n.number}`, creator: n.officeName });
}

export function noticeFileName(n: Pick<NoticeDocumentInput, 'level' | 'unitName' | 'taskId' | 'number'>): string {
  return `${NOTICE_TITLES[n.level]}-${n.unitName}-任务${n.taskId}.docx`;
}
