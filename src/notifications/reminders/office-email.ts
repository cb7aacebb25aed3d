import type { AppConfig } from '../../config/app-config.js';
import type { Committee } from '../../committees/committee.entity.js';

/** The committee office's address: the committee's own setting, else `mail.officeEmail`, else none. */
export function officeEmailOf(
  committee: Pick<Committee, 'officeEmail'>,
  config: Pick<AppConfig, 'mail'>,
): string | null {
  return committee.officeEmail?.trim() || config.mail.officeEmail?.trim() || null;
}
