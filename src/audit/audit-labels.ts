import type { Locale } from '../common/i18n/locale.js';

/**
 * The audit log's actions and the things they touch, in words, for the office's audit page.
 * Plain data (type-only imports): the web app imports it as it is. The codes stay in the log and
 * its exports (stable for auditors' scripts); the page says them.
 */
export const AUDIT_ACTION_LABELS = {
  // Row changes, recorded by AuditSubscriber for every audited table.
  create: { 'zh-CN': '新建', en: 'Created' },
  update: { 'zh-CN': '修改', en: 'Changed' },
  delete: { 'zh-CN': '删除', en: 'Deleted' },
  // Acts recorded by their services.
  login: { 'zh-CN': '登录', en: 'Logged in' },
  login_failed: { 'zh-CN': '登录失败', en: 'Login failed' },
  logout: { 'zh-CN': '退出登录', en: 'Logged out' },
  password_changed: { 'zh-CN': '修改密码', en: 'Password changed' },
  password_reset_requested: { 'zh-CN': '申请重设密码', en: 'Password reset requested' },
  password_reset: { 'zh-CN': '重设密码', en: 'Password reset' },
  password_set_by_office: { 'zh-CN': '办公室设置临时密码', en: 'Temporary password set by the office' },
  token_created: { 'zh-CN': '创建 API 令牌', en: 'API token created' },
  token_revoked: { 'zh-CN': '吊销 API 令牌', en: 'API token revoked' },
  calendar_feed_created: { 'zh-CN': '创建日历订阅', en: 'Calendar feed created' },
  calendar_feed_reset: { 'zh-CN': '重置日历订阅地址', en: 'Calendar feed address reset' },
  calendar_feed_revoked: { 'zh-CN': '停用日历订阅', en: 'Calendar feed revoked' },
  import: { 'zh-CN': '导入规划', en: 'Plan imported' },
  generate: { 'zh-CN': '生成任务', en: 'Duties generated' },
} satisfies Record<string, Record<Locale, string>>;

/** Every action the log records; an action without words here does not compile. */
export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;

/** The audited tables, by what an office calls them. */
export const AUDIT_ENTITY_LABELS: Record<string, Record<Locale, string>> = {
  plan: { 'zh-CN': '规划', en: 'Plan' },
  plan_area: { 'zh-CN': '规划领域', en: 'Plan area' },
  goal: { 'zh-CN': '目标', en: 'Goal' },
  measure: { 'zh-CN': '策略措施', en: 'Measure' },
  indicator: { 'zh-CN': '指标', en: 'Indicator' },
  assignment: { 'zh-CN': '单位分工', en: 'Unit assignment' },
  duty_rule_set: { 'zh-CN': '任务规则', en: 'Duty rules' },
  duty_task: { 'zh-CN': '任务', en: 'Task' },
  duty_task_item: { 'zh-CN': '任务目标项', en: 'Task item' },
  duty_indicator_value: { 'zh-CN': '指标数值', en: 'Indicator value' },
  duty_attachment: { 'zh-CN': '附件', en: 'Attachment' },
  duty_extension_request: { 'zh-CN': '延期申请', en: 'Extension request' },
  task_escalation: { 'zh-CN': '催办督办', en: 'Escalation' },
  duty_task_event: { 'zh-CN': '任务记录', en: 'Task history entry' },
  unit: { 'zh-CN': '单位', en: 'Unit' },
  unit_alias: { 'zh-CN': '单位简称', en: 'Unit alias' },
  liaison: { 'zh-CN': '联络员', en: 'Liaison' },
  committee: { 'zh-CN': '工委', en: 'Committee' },
  app_user: { 'zh-CN': '用户', en: 'User' },
  api_token: { 'zh-CN': 'API 令牌', en: 'API token' },
  calendar_feed: { 'zh-CN': '日历订阅', en: 'Calendar feed' },
  report_notice_number: { 'zh-CN': '文书编号', en: 'Document number' },
};
