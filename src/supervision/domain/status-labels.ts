import type { Locale } from '../../common/i18n/locale.js';
import type { TaskStatus } from '../../duties/domain/task-status.js';

/** A task's status in words: the ledger's column and the dashboard's chart name them the same way. */
export const TASK_STATUS_LABELS: Record<TaskStatus, Record<Locale, string>> = {
  not_due: { 'zh-CN': '未到期', en: 'Not yet due' },
  due_soon: { 'zh-CN': '临近到期', en: 'Due soon' },
  overdue: { 'zh-CN': '已逾期', en: 'Overdue' },
  done_on_time: { 'zh-CN': '按时完成', en: 'Done on time' },
  done_late: { 'zh-CN': '逾期完成', en: 'Done late' },
  cancelled: { 'zh-CN': '已取消', en: 'Cancelled' },
};
