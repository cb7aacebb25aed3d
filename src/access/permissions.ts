/**
 * Who may do what: roles, the permissions each route declares, and which role holds which.
 * The one table the global AccessGuard, the route × role matrix test and the web app read.
 */
export const ROLES = ['office_admin', 'office_staff', 'unit_liaison', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'committees.read',
  'committees.write',
  'units.read',
  'units.write',
  'plans.read',
  'plans.write',
  'plans.import',
  'duties.rules', // read is plans.read; changing the rules is the admin's
  'duties.generate',
  'tasks.read', // scoped: a unit liaison sees its own unit's rows only
  'tasks.act', // lifecycle actions; which action a role may take is the lifecycle's rule
  'tasks.work', // progress, items, attachments, extension requests of the caller's own unit
  'tasks.assign', // ad-hoc tasks, edits, extension decisions
  'supervision.read', // scoped like tasks.read
  'supervision.export',
  'notices.send', // 催办 now, 通报, reminder runs
  'reports.read', // 通报 and the annual report as documents (notices are tasks.read, scoped)
  'mail.read', // scoped: a unit liaison reads only mail sent to its unit
  'mail.manage', // outbox retry, send now
  'users.manage',
  'audit.read',
  'tokens.own', // a user's own API tokens, feeds, password
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = [
  'committees.read',
  'units.read',
  'plans.read',
  'tasks.read',
  'supervision.read',
  'tokens.own',
];

export const ROLE_PERMISSIONS: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  office_admin: new Set(PERMISSIONS),
  office_staff: new Set<Permission>([
    ...READ,
    'mail.read',
    'tasks.work', // the office's own duties (the report upward); the lifecycle refuses it a unit's
    'units.write',
    'plans.write',
    'plans.import',
    'duties.generate',
    'tasks.act',
    'tasks.assign',
    'supervision.export',
    'notices.send',
    'reports.read',
    'mail.manage',
    'audit.read',
  ]),
  unit_liaison: new Set<Permission>([...READ, 'tasks.act', 'tasks.work', 'supervision.export']),
  // Mail is the office's: a liaison reads its own mail in its mailbox.
  viewer: new Set<Permission>([...READ, 'mail.read', 'supervision.export', 'reports.read']),
};

/** Office roles see every unit of their committee; a liaison only its own unit. */
export function isOfficeRole(role: Role): boolean {
  return role !== 'unit_liaison';
}

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}
