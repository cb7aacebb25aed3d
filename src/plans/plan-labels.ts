import type { Locale } from '../common/i18n/locale.js';
import type { PlanStatus } from './entities/plan.entity.js';

/** A plan's status in words. Plain data (type-only imports): the web app imports it as it is. */
export const PLAN_STATUS_LABELS: Record<PlanStatus, Record<Locale, string>> = {
  draft: { 'zh-CN': '草稿', en: 'Draft' },
  active: { 'zh-CN': '实施中', en: 'In force' },
  archived: { 'zh-CN': '已归档', en: 'Archived' },
};
