import { deepFreeze } from './deep-freeze.util.js';

/**
 * What a task's history records, and how the history names it in each language. Every writer of
 * task events (lifecycle, progress, files, extensions, generation, unit merge, demo) takes its
 * action from here (the writer's type), so the history never shows a code nobody named.
 */
export const TASK_EVENT_LABELS = deepFreeze({
  // The lifecycle actions (TASK_ACTIONS).
  acknowledge: { 'zh-CN': '签收', en: 'Acknowledged' },
  start: { 'zh-CN': '开始办理', en: 'Started' },
  submit: { 'zh-CN': '提交', en: 'Submitted' },
  withdraw: { 'zh-CN': '撤回提交', en: 'Submission withdrawn' },
  accept: { 'zh-CN': '办结', en: 'Accepted' },
  return: { 'zh-CN': '退回', en: 'Returned' },
  cancel: { 'zh-CN': '取消', en: 'Cancelled' },
  reopen: { 'zh-CN': '重新打开', en: 'Reopened' },
  // The office and the duty rules.
  generate: { 'zh-CN': '按规划生成任务', en: 'Created from the plan' },
  assign: { 'zh-CN': '交办', en: 'Assigned' },
  change_due: { 'zh-CN': '调整截止日期', en: 'Due date changed' },
  move_due: { 'zh-CN': '按规则调整截止日期', en: 'Due date moved by the duty rules' },
  revive: { 'zh-CN': '恢复任务', en: 'Task revived' },
  extension_request: { 'zh-CN': '申请延期', en: 'Extension requested' },
  extension_approve: { 'zh-CN': '同意延期', en: 'Extension approved' },
  extension_reject: { 'zh-CN': '不同意延期', en: 'Extension refused' },
  // Files.
  attach: { 'zh-CN': '上传附件', en: 'File attached' },
  detach: { 'zh-CN': '删除附件', en: 'File removed' },
  // Merging two units: the merged unit's task moves over; where both owed the same duty, the one
  // further along keeps it and the other stays on record (cancelled if still open).
  reassigned: { 'zh-CN': '单位合并后转入', en: 'Moved over in a unit merge' },
  superseded: { 'zh-CN': '单位合并后由另一任务承接', en: 'Taken over by the merged unit’s task' },
} as const);

export type TaskEventAction = keyof typeof TASK_EVENT_LABELS;

/**
 * The reasons the service itself gives in a task's history (regeneration, unit merge), by code.
 * The event keeps the English sentence in `reason` (the API's language of record) and the code in
 * `details.reasonCode`; the history shows the reader's words. Rows written before the code was
 * kept are recognised by their sentence (systemReasonCode).
 */
export const SYSTEM_REASONS = deepFreeze({
  duty_no_longer_scheduled: {
    'zh-CN': '职责规则已不再安排此项任务',
    en: 'no longer applies: the duty rules no longer call for it',
  },
  unit_no_longer_holds_goals: {
    'zh-CN': '该单位已不再承担需要此项任务的目标',
    en: 'no longer applies: the unit no longer holds goals that call for it',
  },
  rules_new_date: { 'zh-CN': '职责规则给出了新的截止日期', en: 'the duty rules give a new date' },
  duty_applies_again: { 'zh-CN': '该职责重新适用', en: 'the duty applies again' },
  units_merged: {
    'zh-CN': '单位已合并，此项职责由另一单位的任务承担',
    en: "units merged: the other unit's task carries this duty",
  },
} as const);

export type SystemReason = keyof typeof SYSTEM_REASONS;

/** The English sentence the event records for a system reason. */
export function systemReasonText(code: SystemReason): string {
  return SYSTEM_REASONS[code].en;
}

/** The code of a system reason: from the event's details, else recognised by its recorded sentence. */
export function systemReasonCode(event: {
  reason: string | null;
  details: Record<string, unknown> | null;
}): SystemReason | null {
  const given = event.details?.reasonCode;
  if (typeof given === 'string' && Object.hasOwn(SYSTEM_REASONS, given)) return given as SystemReason;
  if (!event.reason) return null;
  const found = (Object.keys(SYSTEM_REASONS) as SystemReason[]).find((k) => SYSTEM_REASONS[k].en === event.reason);
  return found ?? null;
}
