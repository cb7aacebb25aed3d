/**
 * Response shapes shared with the service: the web app imports the server's own types (type-only,
 * erased by the build) instead of copying them, and Json<> maps them to what JSON carries.
 */
import type { Dashboard as ServerDashboard, LabelledRateGroup } from '../../../src/supervision/rates/rates.service.js';
import type { RankedUnit as ServerRankedUnit } from '../../../src/supervision/domain/rates.js';
import type { TaskView as ServerTaskView } from '../../../src/duties/tasks/task-query.service.js';
import type { TaskDetail as ServerTaskDetail } from '../../../src/duties/tasks/task-detail.service.js';
import type { PlanTree as ServerPlanTree } from '../../../src/plans/plans.service.js';
import type { Plan } from '../../../src/plans/entities/plan.entity.js';
import type { UnitListItem } from '../../../src/units/units.service.js';
import type { GenerationReport as ServerGenerationReport } from '../../../src/duties/generate/generation-report.js';
import type { DutyRulesView as ServerDutyRulesView } from '../../../src/duties/rules/duty-rules.service.js';
import type { TaskAction, TaskState, ItemProgress } from '../../../src/duties/domain/task-lifecycle.js';
import type { DutyKind } from '../../../src/duties/domain/duty-kind.js';
import type { Role } from '../../../src/access/permissions.js';
import type { EscalationFilter, TaskEscalationMark } from '../../../src/duties/tasks/task-annotations.js';

export type { TaskAction, TaskState, ItemProgress, DutyKind, Role };
/** `escalation` of a task (list and detail): the highest 催办/督办 actually taken for its current due date. */
export type { TaskEscalationMark, EscalationFilter };

/** What a value looks like after JSON.stringify/parse: dates become strings, methods vanish. */
export type Json<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Json<U>[]
    : T extends (...args: never[]) => unknown
      ? never
      : T extends object
        ? { [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]: Json<T[K]> }
        : T;

export type Dashboard = Json<ServerDashboard>;
export type RateGroup = Json<LabelledRateGroup>;
export type RankedUnit = Json<ServerRankedUnit> & { label?: string; unitId?: string; name?: string };
export type TaskView = Json<ServerTaskView>;
export type TaskDetail = Json<ServerTaskDetail>;
/** A row of GET /api/plans (a Page): the plan without its relations. */
export type PlanRow = Json<Omit<Plan, 'committee' | 'areas'>>;
/** A row of GET /api/units (a Page): the unit with its aliases and liaisons. */
export type UnitRow = Json<UnitListItem>;
/** GET /api/plans/:id: areas → goals (indicators, assignments with their unit) and measures. */
export type PlanTree = Json<ServerPlanTree>;
export type PlanTreeArea = PlanTree['areas'][number];
/** POST /api/duties/generate (one per plan), also as a dry run. */
export type GenerationReport = Json<ServerGenerationReport>;
/** GET/PUT /api/plans/:id/duty-rules. */
export type DutyRulesView = Json<ServerDutyRulesView>;
export type TaskItemView = TaskDetail['items'][number];

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type Locale = 'zh-CN' | 'en';
export type Labels = Record<Locale, string>;

export interface DutiesMeta {
  kinds: Array<{ kind: DutyKind; labels: Labels }>;
  states: Record<TaskState, Labels>;
  actions: Array<{ action: TaskAction; roles: string[]; reason: 'optional' | 'required' }>;
  /** The history's words for each recorded action (TaskDetail.events[].action). */
  events: Record<string, Labels>;
  /** The words for the reasons the service gives itself (TaskDetail.events[].reasonCode). */
  reasons: Record<string, Labels>;
  itemProgress: Record<ItemProgress, Labels>;
}

/** The accounts contract (issue 8): POST /api/auth/login and GET /api/auth/me answer this. */
export interface SessionUser {
  id: number;
  login: string;
  displayName: string;
  role: Role;
  unitId: number | null;
  unitName: string | null;
  committeeId: number;
  committeeName: string;
  mustChangePassword: boolean;
  locale: Locale;
}
export interface Session {
  user: SessionUser;
  csrfToken: string;
  /** Today in the user's committee by the service's clock (not the browser's). */
  today: string;
  /** The committee's time zone: times of day are shown in it (lib/dates.ts formatInstant). */
  timeZone: string;
}

/** The service's one error shape (src/common/errors). */
export interface ApiErrorBody {
  status: number;
  code: string;
  message: string;
  details?: {
    fields?: Array<{ field: string; problems: string[] }>;
    retryAfterSeconds?: number;
    [key: string]: unknown;
  };
}
