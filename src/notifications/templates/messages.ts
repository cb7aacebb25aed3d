/**
 * Wording of every notification, per locale. Both locales implement the same interface, so a
 * string missing in one language is a compile error rather than a blank in a sent e-mail.
 * Everything here is plain text with no markup: templates call these with raw user text and
 * escape the finished string for HTML, which is safe precisely because no entry contains markup.
 */

import { DEFAULT_LOCALE, type NotificationLocale } from '../domain/locale.js';

/** Decisions a unit is told of (see decision-notices). */
export type DecisionKind =
  'assigned' | 'due_changed' | 'cancelled' | 'returned' | 'accepted' | 'extension_approved' | 'extension_rejected';

export interface NotificationMessages {
  /** e.g. "还有3天" / "3 days left" (table cell). */
  daysLeft(n: number): string;
  dueToday: string;
  /** e.g. "逾期3天" / "3 days overdue" (table cell). */
  daysLate(n: number): string;
  /** Subject phrase about one task: "已逾期3天（截止2025-01-31）" / "3 days overdue (due 2025-01-31)". */
  subjectDueSoon(dueOn: string, n: number): string;
  subjectDueToday(dueOn: string): string;
  subjectOverdue(dueOn: string, n: number): string;
  /** Quoted task title for subjects and sentences. */
  quote(title: string): string;
  /** Between a quoted title and its due phrase in subjects: "" / " is ". */
  titleDueJoin: string;
  /** Separator after a label or unit name: "：" / ": ". */
  colon: string;
  /** Parenthetical remark: "（逾期3天）" / " (3 days overdue)". */
  paren(text: string): string;
  columns: { task: string; plan: string; unit: string; dueOn: string; status: string; link: string };
  open: string;
  officeMessage: string;
  defaultOfficeName: string;
  autoFooter: string;

  digest: {
    subjectTag: string;
    subjectMany(count: number, mix: 'soon' | 'overdue' | 'mixed', earliestDueOn: string): string;
    heading: string;
    greeting(name: string | undefined): string;
    intro(today: string, count: number, overdue: number, dueSoon: number): string;
    planHeading(planTitle: string): string;
    closing: string;
    footer: string;
  };

  urge: {
    subjectTag: string;
    subjectMany(count: number, earliestPhrase: string): string;
    heading: string;
    addressee(unitName: string): string;
    intro(count: number, anyOverdue: boolean): string;
    request: string;
    ignoreIfDone: string;
  };

  supervise: {
    subjectTag: string;
    subjectMany(count: number, earliestPhrase: string): string;
    heading: string;
    number(no: string): string;
    addressee(unitName: string): string;
    /** One sentence: the tasks are late, (urged on that date and still open,) hence supervised. */
    intro(count: number, urgedOn: string | undefined): string;
    request(replyBy: string | undefined): string;
    /** The copy line, naming only who really receives a copy; null when nobody does. */
    copyTo(head: boolean, officeName: string | undefined): string | null;
  };

  review: {
    subject(count: number, today: string): string;
    heading: string;
    intro(today: string, count: number): string;
    columns: { unit: string; submittedOn: string };
    closing: string;
  };

  decision: {
    subjectTag: string;
    /** Subject after the tag: what happened to which task. */
    subject(kind: DecisionKind, title: string, dueOn: string | undefined): string;
    heading(kind: DecisionKind): string;
    body(kind: DecisionKind, p: { title: string; dueOn?: string; previousDueOn?: string }): string;
    reason: string;
    closing: string;
  };

  circular: {
    subjectTag: string;
    subject(asOf: string, unitCount: number, overdueTotal: number, scope: string | undefined): string;
    heading: string;
    number(no: string): string;
    addressee: string;
    intro(asOf: string, unitCount: number, overdueTotal: number, scope: string | undefined): string;
    noneLate(asOf: string, scope: string | undefined): string;
    columns: {
      rank: string;
      unit: string;
      overdue: string;
      onTimeRate: string;
      completionRate: string;
      maxDaysLate: string;
    };
    request: string;
  };
}

const zhScope = (scope: string | undefined): string => (scope ? `（${scope}）` : '');
const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

const zhCN: NotificationMessages = {
  daysLeft: (n) => `还有${n}天`,
  dueToday: '今天截止',
  daysLate: (n) => `逾期${n}天`,
  subjectDueSoon: (dueOn, n) => `将于${dueOn}截止（还有${n}天）`,
  subjectDueToday: (dueOn) => `今天截止（${dueOn}）`,
  subjectOverdue: (dueOn, n) => `已逾期${n}天（截止${dueOn}）`,
  quote: (title) => `“${title}”`,
  titleDueJoin: '',
  colon: '：',
  paren: (text) => `（${text}）`,
  columns: { task: '任务', plan: '所属规划', unit: '责任单位', dueOn: '截止日期', status: '状态', link: '链接' },
  open: '查看',
  officeMessage: '办公室留言',
  defaultOfficeName: '妇女儿童工作委员会办公室',
  autoFooter: '本邮件由落实系统自动发送，请勿直接回复。',

  digest: {
    subjectTag: '【落实提醒】',
    subjectMany: (count, mix, earliest) =>
      `${count}项任务${mix === 'soon' ? '临近截止' : mix === 'overdue' ? '已逾期' : '临近或已逾期'}：最早截止 ${earliest}`,
    heading: '任务提醒',
    greeting: (name) => (name ? `${name}，您好：` : '您好：'),
    intro: (today, count, overdue, dueSoon) =>
      `截至${today}，您负责联络的任务中有${count}项需要关注` +
      (overdue > 0 && dueSoon > 0
        ? `（已逾期${overdue}项，临近截止${dueSoon}项）`
        : overdue > 0
          ? `，均已逾期`
          : `，均临近截止`) +
      '。',
    planHeading: (planTitle) => `【${planTitle}】`,
    closing: '请及时办理并在系统中提交。已提交的任务不会再提醒。',
    footer: '提醒邮件每人每天最多一封；催办、督办、通报等正式通知和办理结果通知另行发送。',
  },

  urge: {
    subjectTag: '【催办】',
    subjectMany: (count, earliestPhrase) => `${count}项任务，最早一项${earliestPhrase}`,
    heading: '催办通知',
    addressee: (unitName) => `${unitName}：`,
    intro: (count, anyOverdue) =>
      count === 1
        ? `你单位承担的以下任务${anyOverdue ? '已逾期' : '尚未办结'}，请抓紧办理。`
        : `你单位承担的以下${count}项任务${anyOverdue ? '已逾期或临近截止' : '尚未办结'}，请抓紧办理。`,
    request: '请于收到本通知后尽快办理并在系统中提交；确需延期的，请在系统中提出延期申请并说明理由。',
    ignoreIfDone: '如已提交，请忽略本通知。',
  },

  supervise: {
    subjectTag: '【督办】',
    subjectMany: (count, earliestPhrase) => `${count}项任务，最早一项${earliestPhrase}`,
    heading: '督办通知',
    number: (no) => `编号：${no}`,
    addressee: (unitName) => `${unitName}：`,
    intro: (count, urgedOn) =>
      `你单位承担的以下${count === 1 ? '' : `${count}项`}任务已逾期` +
      (urgedOn ? `，经${urgedOn}催办至今仍未办结` : '') +
      '，现予督办。',
    request: (replyBy) =>
      replyBy
        ? `请你单位高度重视，于${replyBy}前办结并在系统中提交；确有困难的，请书面说明原因及办理时限。`
        : '请你单位高度重视，尽快办结并在系统中提交；确有困难的，请书面说明原因及办理时限。',
    copyTo: (head, officeName) => {
      const to = [...(head ? ['你单位负责人'] : []), ...(officeName ? [officeName] : [])];
      return to.length ? `抄送：${to.join('；')}。` : null;
    },
  },

  review: {
    subject: (count, today) => `【落实】${count}份提交待审核（截至${today}）`,
    heading: '待审核的提交',
    intro: (today, count) => `截至${today}，成员单位提交的${count}项任务等待办公室审核（办结或退回）：`,
    columns: { unit: '提交单位', submittedOn: '提交日期' },
    closing: '本邮件每天最多一封，列出当天仍待审核的全部提交。',
  },

  decision: {
    subjectTag: '【落实通知】',
    subject: (kind, title, dueOn) =>
      ({
        assigned: `交办任务“${title}”，截止${dueOn ?? ''}`,
        due_changed: `“${title}”的截止日期改为${dueOn ?? ''}`,
        cancelled: `“${title}”已取消，无需办理`,
        returned: `“${title}”已退回，请修改后重新提交`,
        accepted: `“${title}”已办结`,
        extension_approved: `“${title}”延期申请已同意，新截止日期${dueOn ?? ''}`,
        extension_rejected: `“${title}”延期申请未同意`,
      })[kind],
    heading: (kind) =>
      ({
        assigned: '交办通知',
        due_changed: '截止日期变更',
        cancelled: '任务取消通知',
        returned: '退回通知',
        accepted: '办结通知',
        extension_approved: '延期申请已同意',
        extension_rejected: '延期申请未同意',
      })[kind],
    body: (kind, p) =>
      ({
        assigned: `办公室向你单位交办任务“${p.title}”，请于${p.dueOn ?? ''}前办理并在系统中提交。`,
        due_changed: `任务“${p.title}”的截止日期已由${p.previousDueOn ?? ''}改为${p.dueOn ?? ''}。`,
        cancelled: `任务“${p.title}”（原截止日期${p.dueOn ?? ''}）已取消，你单位无需再办理。`,
        returned: `你单位提交的“${p.title}”已被办公室退回，请按以下意见修改后重新提交（截止日期${p.dueOn ?? ''}）。`,
        accepted: `你单位提交的“${p.title}”已经办公室审核，予以办结。`,
        extension_approved: `你单位关于“${p.title}”的延期申请已同意，截止日期由${p.previousDueOn ?? ''}延至${p.dueOn ?? ''}。`,
        extension_rejected: `你单位关于“${p.title}”的延期申请未获同意，截止日期仍为${p.dueOn ?? ''}。`,
      })[kind],
    reason: '办公室意见',
    closing: '详情请在系统中查看。',
  },

  circular: {
    subjectTag: '【通报】',
    subject: (asOf, unitCount, total, scope) =>
      unitCount === 0
        ? `截至${asOf}${zhScope(scope)}，无成员单位逾期`
        : `截至${asOf}${zhScope(scope)}，${unitCount}个成员单位有逾期任务（共${total}项）`,
    heading: '关于成员单位规划任务逾期情况的通报',
    number: (no) => no,
    addressee: '各成员单位：',
    intro: (asOf, unitCount, total, scope) =>
      `截至${asOf}${zhScope(scope)}，共有${unitCount}个成员单位的${total}项任务逾期未完成，现将有关情况通报如下：`,
    noneLate: (asOf, scope) => `截至${asOf}${zhScope(scope)}，各成员单位均无逾期任务。`,
    columns: {
      rank: '序号',
      unit: '单位',
      overdue: '逾期任务数',
      onTimeRate: '按时完成率',
      completionRate: '完成率',
      maxDaysLate: '最长逾期天数',
    },
    request: '请上述单位高度重视，认真分析原因，抓紧办结逾期任务，并在系统中提交。',
  },
};

const en: NotificationMessages = {
  daysLeft: (n) => `${plural(n, 'day', 'days')} left`,
  dueToday: 'due today',
  daysLate: (n) => `${plural(n, 'day', 'days')} overdue`,
  subjectDueSoon: (dueOn, n) => `due ${dueOn} (in ${plural(n, 'day', 'days')})`,
  subjectDueToday: (dueOn) => `due today (${dueOn})`,
  subjectOverdue: (dueOn, n) => `${plural(n, 'day', 'days')} overdue (due ${dueOn})`,
  quote: (title) => `"${title}"`,
  titleDueJoin: ' is ',
  colon: ': ',
  paren: (text) => ` (${text})`,
  columns: { task: 'Duty', plan: 'Plan', unit: 'Unit', dueOn: 'Due date', status: 'Status', link: 'Link' },
  open: 'Open',
  officeMessage: 'Message from the office',
  defaultOfficeName: 'Office of the Working Committee on Women and Children',
  autoFooter: 'This e-mail was sent automatically by Luoshi; please do not reply to it.',

  digest: {
    subjectTag: '[Luoshi] ',
    subjectMany: (count, mix, earliest) =>
      `${plural(count, 'duty', 'duties')} ${mix === 'soon' ? 'due soon' : mix === 'overdue' ? 'overdue' : 'due soon or overdue'}: earliest due ${earliest}`,
    heading: 'Duty reminder',
    greeting: (name) => (name ? `Dear ${name},` : 'Hello,'),
    intro: (today, count, overdue, dueSoon) =>
      `As of ${today}, ${plural(count, 'duty', 'duties')} you are liaison for ${count === 1 ? 'needs' : 'need'} attention` +
      (overdue > 0 && dueSoon > 0
        ? ` (${overdue} overdue, ${dueSoon} due soon).`
        : overdue > 0
          ? ', all overdue.'
          : ', all due soon.'),
    planHeading: (planTitle) => planTitle,
    closing: 'Please complete and submit them in Luoshi. Submitted duties are not reminded again.',
    footer:
      'You receive at most one reminder e-mail a day; formal notices (urging, supervision, circulars) and notices of decisions come separately.',
  },

  urge: {
    subjectTag: '[Urging notice] ',
    subjectMany: (count, earliestPhrase) => `${plural(count, 'duty', 'duties')}, the earliest ${earliestPhrase}`,
    heading: 'Urging notice',
    addressee: (unitName) => `To: ${unitName}`,
    intro: (count, anyOverdue) =>
      count === 1
        ? `The following duty of your unit is ${anyOverdue ? 'overdue' : 'still open'}. Please deal with it promptly.`
        : `The following ${count} duties of your unit are ${anyOverdue ? 'overdue or due soon' : 'still open'}. Please deal with them promptly.`,
    request:
      'Please complete and submit in Luoshi as soon as possible. If you need more time, file an extension request there and give the reason.',
    ignoreIfDone: 'If you have already submitted, please disregard this notice.',
  },

  supervise: {
    subjectTag: '[Supervision notice] ',
    subjectMany: (count, earliestPhrase) => `${plural(count, 'duty', 'duties')}, the earliest ${earliestPhrase}`,
    heading: 'Supervision notice',
    number: (no) => `No. ${no}`,
    addressee: (unitName) => `To: ${unitName}`,
    intro: (count, urgedOn) =>
      (count === 1
        ? 'The following duty of your unit is overdue'
        : `The following ${count} duties of your unit are overdue`) +
      (urgedOn
        ? `; an urging notice was sent on ${urgedOn} and ${count === 1 ? 'it is' : 'they are'} still not settled`
        : '') +
      `. ${count === 1 ? 'It is' : 'They are'} hereby placed under supervision.`,
    request: (replyBy) =>
      replyBy
        ? `Please complete and submit in Luoshi by ${replyBy}. If this is not possible, explain the reasons and the expected completion date in writing.`
        : 'Please complete and submit in Luoshi without delay. If this is not possible, explain the reasons and the expected completion date in writing.',
    copyTo: (head, officeName) => {
      const to = [...(head ? ['the head of your unit'] : []), ...(officeName ? ['the committee office'] : [])];
      return to.length ? `Copied to: ${to.join('; ')}.` : null;
    },
  },

  review: {
    subject: (count, today) =>
      `[Luoshi] ${plural(count, 'submission', 'submissions')} waiting for review (as of ${today})`,
    heading: 'Submissions waiting for review',
    intro: (today, count) =>
      `As of ${today}, ${plural(count, 'submitted duty is', 'submitted duties are')} waiting for the office to accept or return:`,
    columns: { unit: 'Unit', submittedOn: 'Submitted on' },
    closing: 'This e-mail comes at most once a day and lists every submission still waiting.',
  },

  decision: {
    subjectTag: '[Luoshi] ',
    subject: (kind, title, dueOn) =>
      ({
        assigned: `New duty "${title}", due ${dueOn ?? ''}`,
        due_changed: `"${title}" is now due ${dueOn ?? ''}`,
        cancelled: `"${title}" is cancelled: nothing to do`,
        returned: `"${title}" was returned; please revise and resubmit`,
        accepted: `"${title}" was accepted`,
        extension_approved: `Extension for "${title}" approved: now due ${dueOn ?? ''}`,
        extension_rejected: `Extension for "${title}" not approved`,
      })[kind],
    heading: (kind) =>
      ({
        assigned: 'New duty',
        due_changed: 'Deadline changed',
        cancelled: 'Duty cancelled',
        returned: 'Submission returned',
        accepted: 'Submission accepted',
        extension_approved: 'Extension approved',
        extension_rejected: 'Extension not approved',
      })[kind],
    body: (kind, p) =>
      ({
        assigned: `The office has assigned your unit the duty "${p.title}". Please complete and submit it in Luoshi by ${p.dueOn ?? ''}.`,
        due_changed: `The deadline of "${p.title}" has changed from ${p.previousDueOn ?? ''} to ${p.dueOn ?? ''}.`,
        cancelled: `The duty "${p.title}" (due ${p.dueOn ?? ''}) is cancelled; your unit need not do anything more for it.`,
        returned: `The office has returned your unit's submission of "${p.title}". Please revise it as set out below and submit it again (due ${p.dueOn ?? ''}).`,
        accepted: `The office has reviewed and accepted your unit's submission of "${p.title}".`,
        extension_approved: `Your unit's extension request for "${p.title}" is approved: the deadline moves from ${p.previousDueOn ?? ''} to ${p.dueOn ?? ''}.`,
        extension_rejected: `Your unit's extension request for "${p.title}" is not approved; the deadline stays ${p.dueOn ?? ''}.`,
      })[kind],
    reason: "The office's remarks",
    closing: 'See Luoshi for the details.',
  },

  circular: {
    subjectTag: '[Circular] ',
    subject: (asOf, unitCount, total, scope) =>
      unitCount === 0
        ? `As of ${asOf}, no member unit has overdue duties${scope ? ` (${scope})` : ''}`
        : `As of ${asOf}, ${plural(unitCount, 'member unit has', 'member units have')} overdue duties (${total} in total${scope ? `, ${scope}` : ''})`,
    heading: 'Circular on overdue duties of member units',
    number: (no) => `No. ${no}`,
    addressee: 'To all member units:',
    intro: (asOf, unitCount, total, scope) =>
      `As of ${asOf}${scope ? ` (${scope})` : ''}, ${plural(total, 'duty', 'duties')} of ${plural(unitCount, 'member unit', 'member units')} ${total === 1 ? 'is' : 'are'} overdue and not completed, as follows:`,
    noneLate: (asOf, scope) => `As of ${asOf}${scope ? ` (${scope})` : ''}, no member unit has overdue duties.`,
    columns: {
      rank: 'No.',
      unit: 'Unit',
      overdue: 'Overdue duties',
      onTimeRate: 'On-time rate',
      completionRate: 'Completion rate',
      maxDaysLate: 'Longest delay (days)',
    },
    request:
      'The units named above are asked to look into the causes, complete their overdue duties promptly and submit them in Luoshi.',
  },
};

const MESSAGES: Readonly<Record<NotificationLocale, NotificationMessages>> = { 'zh-CN': zhCN, en };

/** The wording for a locale; unknown or missing locales get the default (zh-CN). */
export function messagesFor(locale: NotificationLocale | undefined): NotificationMessages {
  return MESSAGES[locale ?? DEFAULT_LOCALE] ?? MESSAGES[DEFAULT_LOCALE];
}
