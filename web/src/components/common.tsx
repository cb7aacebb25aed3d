import { Empty, Tag } from 'antd';
import type { ReactNode } from 'react';
import type { Locale, TaskEscalationMark, TaskView } from '../api/types.js';
import { escalationColor, escalationText } from '../lib/escalation.js';
import { dueLabel } from '../lib/dates.js';

const LIGHT_COLORS: Record<string, string> = { green: 'green', yellow: 'gold', red: 'red', grey: 'default' };
const LIGHT_NAMES: Record<string, [string, string]> = {
  green: ['正常', 'on track'],
  yellow: ['预警', 'warning'],
  red: ['逾期', 'late'],
  grey: ['已取消', 'cancelled'],
};

export function LightTag({ light, locale }: { light: string; locale: Locale }) {
  const name = LIGHT_NAMES[light] ?? [light, light];
  return <Tag color={LIGHT_COLORS[light] ?? 'default'}>{locale === 'en' ? name[1] : name[0]}</Tag>;
}

export function DueText({ task, locale }: { task: Pick<TaskView, 'daysLeft' | 'daysLate'>; locale: Locale }) {
  const late = (task.daysLate ?? 0) > 0;
  return (
    <span style={{ color: late ? '#a8071a' : undefined, fontWeight: late ? 600 : undefined }}>
      {dueLabel(task, locale)}
    </span>
  );
}

/** An empty state that says what to do next. */
export function Hint({ children }: { children: ReactNode }) {
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={children} />;
}

/** 催办 2024-02-08 / 督办 …: the step the server recorded, nothing when none. */
export function EscalationTag({ mark, locale }: { mark: TaskEscalationMark | null | undefined; locale: Locale }) {
  if (!mark) return null;
  return <Tag color={escalationColor(mark)}>{escalationText(mark, locale)}</Tag>;
}

/**
 * Paging for a register loaded whole (getAllPages): 50 rows a page and the count, so the last
 * rows of a long register are one click away instead of silently missing.
 */
export function registerPagination(locale: Locale, total: number) {
  return {
    pageSize: 50,
    showSizeChanger: false,
    hideOnSinglePage: true,
    showTotal: () => (locale === 'en' ? `${total} in all` : `共 ${total} 条`),
  };
}
