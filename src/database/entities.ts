import { Committee } from '../committees/committee.entity.js';
import { Unit } from '../units/unit.entity.js';
import { UnitAlias } from '../units/unit-alias.entity.js';
import { Liaison } from '../units/liaison.entity.js';
import { Plan } from '../plans/entities/plan.entity.js';
import { Area } from '../plans/entities/area.entity.js';
import { Goal } from '../plans/entities/goal.entity.js';
import { Measure } from '../plans/entities/measure.entity.js';
import { Indicator } from '../plans/entities/indicator.entity.js';
import { Assignment } from '../plans/entities/assignment.entity.js';
import { DUTY_ENTITIES } from '../duties/entities/index.js';
import { MailOutbox } from '../notifications/outbox/mail-outbox.entity.js';
import { SchedulerSlot } from '../scheduling/scheduler-slot.entity.js';
import { User } from '../accounts/entities/user.entity.js';
import { UserSession } from '../accounts/entities/user-session.entity.js';
import { ApiToken } from '../accounts/entities/api-token.entity.js';
import { PasswordReset } from '../accounts/entities/password-reset.entity.js';
import { AuditEntry } from '../audit/audit-entry.entity.js';
import { TaskEscalation } from '../notifications/escalation/task-escalation.entity.js';
import { CalendarFeed } from '../calendar/calendar-feed.entity.js';
import { ReportNoticeNumber } from '../reports/notices/report-notice-number.entity.js';

/** Every entity, in one list: the data source, the migration generator and the tests use it. */
export const ENTITIES = [
  Committee,
  Unit,
  UnitAlias,
  Liaison,
  Plan,
  Area,
  Goal,
  Measure,
  Indicator,
  Assignment,
  ...DUTY_ENTITIES,
  MailOutbox,
  SchedulerSlot,
  TaskEscalation,
  ReportNoticeNumber,
  User,
  UserSession,
  ApiToken,
  PasswordReset,
  AuditEntry,
  CalendarFeed,
];
