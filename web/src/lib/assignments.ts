import type { Locale } from '../api/types.js';

/** Client rules of the assignment editor on the plan page (which units are offered, what is sent). */

export type AssignmentRole = 'lead' | 'responsible';

export interface AssignmentLike {
  id: number;
  role: AssignmentRole;
  allMembers: boolean;
  unit: { id: number; name: string } | null;
}

export interface UnitLike {
  id: number;
  name: string;
  aliases?: Array<{ alias: string }>;
}

/** The Select value of 各成员单位 (unit ids are numbers). */
export const ALL_MEMBERS = 'all';

export interface UnitOption {
  value: number | typeof ALL_MEMBERS;
  label: string;
  /** Name and aliases, lower-cased: what the search box matches. */
  search: string;
}

/**
 * The units that can still be added in a role: every unit of the committee except those already
 * in that role on the item (the API would answer 409), sorted by name as Chinese readers expect;
 * for responsible, 各成员单位 first unless it is already there. A unit that leads may still be made
 * responsible (and the other way round): the API allows both and imports produce such rows.
 */
export function unitOptions(
  units: readonly UnitLike[],
  assignments: readonly AssignmentLike[],
  role: AssignmentRole,
  locale: Locale,
): UnitOption[] {
  const inRole = assignments.filter((a) => a.role === role);
  const taken = new Set(inRole.flatMap((a) => (a.unit ? [a.unit.id] : [])));
  const out: UnitOption[] = [];
  if (role === 'responsible' && !inRole.some((a) => a.allMembers)) {
    const label = allMembersLabel(locale);
    out.push({ value: ALL_MEMBERS, label, search: `${label} 各成员单位 all members`.toLowerCase() });
  }
  const collator = new Intl.Collator('zh-CN');
  return out.concat(
    units
      .filter((u) => !taken.has(u.id))
      .sort((a, b) => collator.compare(a.name, b.name))
      .map((u) => ({
        value: u.id,
        label: u.name,
        search: [u.name, ...(u.aliases ?? []).map((a) => a.alias)].join(' ').toLowerCase(),
      })),
  );
}

/** The Select's search: part of the name or of an alias, ignoring case and outer spaces. */
export function optionMatches(input: string, option: Pick<UnitOption, 'search'> | undefined): boolean {
  const needle = input.trim().toLowerCase();
  return !needle || (option?.search.includes(needle) ?? false);
}

/** The body of POST /api/assignments for a goal. */
export function assignmentBody(
  goalId: number,
  role: AssignmentRole,
  value: UnitOption['value'],
):
  | { goalId: number; role: AssignmentRole; unitId: number }
  | { goalId: number; role: AssignmentRole; allMembers: true } {
  return value === ALL_MEMBERS ? { goalId, role, allMembers: true } : { goalId, role, unitId: value };
}

/** Only the role is read: the dashboard passes the plan tree's assignments as they come. */
export function hasLead(assignments: readonly Pick<AssignmentLike, 'role'>[]): boolean {
  return assignments.some((a) => a.role === 'lead');
}

export function allMembersLabel(locale: Locale): string {
  return locale === 'en' ? 'all member units' : '各成员单位';
}

export function assignmentLabel(a: AssignmentLike, locale: Locale): string {
  return a.allMembers ? allMembersLabel(locale) : (a.unit?.name ?? '—');
}
