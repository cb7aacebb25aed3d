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
