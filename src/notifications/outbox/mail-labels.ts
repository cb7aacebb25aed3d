import type { Locale } from '../../common/i18n/locale.js';
import type { MailKind, OutboxStatus } from './mail-outbox.entity.js';

/**
 * An outbox message's status and kind in words, for the office's mail list. Plain data (type-only
 * imports): the web app imports it as it is.
 */
export const OUTBOX_STATUS_LABELS: Record<OutboxStatus, Record<Locale, string>> = {
  queued: { 'zh-CN': '待发送', en: 'Queued' },
  sending: { 'zh-CN': '发送中', en: 'Sending' },
  sent: { 'zh-CN': '已发送', en: 'Sent' },
  failed: { 'zh-CN': '发送失败', en: 'Failed' },
  rejected: { 'zh-CN': '被拒收', en: 'Rejected' },
  cancelled: { 'zh-CN': '已取消', en: 'Cancelled' },
};

export const MAIL_KIND_LABELS: Record<MailKind, Record<Locale, string>> = {
  digest: { 'zh-CN': '到期提醒', en: 'Reminder digest' },
  urge: { 'zh-CN': '催办', en: 'Urge' },
  supervise: { 'zh-CN': '督办', en: 'Supervision' },
  office_urge: { 'zh-CN': '办公室催办', en: "Office's urge" },
  circular: { 'zh-CN': '通报', en: 'Circular' },
  review_digest: { 'zh-CN': '待审核提醒', en: 'Review digest' },
  decision: { 'zh-CN': '办理结果通知', en: 'Decision notice' },
  test: { 'zh-CN': '测试邮件', en: 'Test message' },
  password_reset: { 'zh-CN': '重设密码', en: 'Password reset' },
};
