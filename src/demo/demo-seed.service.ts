import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { readFile } from 'node:fs/promises';
import { DataSource, In, type EntityManager } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { CLOCK, type Clock } from '../common/time/clock.js';
import { addDays, compareDates, localDateOf, zonedDateTime } from '../common/time/calendar-date.util.js';
import { AppError } from '../common/errors/app-error.js';
import { CommitteesService, DEMO_COMMITTEE_NAME } from '../committees/committees.service.js';
import { Committee } from '../committees/committee.entity.js';
import { Unit } from '../units/unit.entity.js';
import { Plan } from '../plans/entities/plan.entity.js';
import { UnitsService } from '../units/units.service.js';
import { PlanImportService } from '../plans/import/plan-import.service.js';
import { parsePlanText, distinctUnits, allGoals } from '../plans/import/plan-text.parser.js';
import { ALL_MEMBERS } from '../plans/import/annotation.js';
import { guessUnitKind } from '../plans/import/unit-kind.util.js';
import { GenerateDutiesService } from '../duties/generate/generate-duties.service.js';
import { TaskLifecycleService } from '../duties/lifecycle/task-lifecycle.service.js';
import { recordTaskEvent as recordEvent } from '../duties/events/task-event.writer.js';
import { Task } from '../duties/entities/task.entity.js';
import { MailOutbox } from '../notifications/outbox/mail-outbox.entity.js';
import { OFFICE_ACTOR } from '../access/actor.js';

export const DEMO_PLAN_FILE = new URL('./assets/weining-notice-and-women-plan-2021-2025.txt', import.meta.url);

/** Spellings in the demo text that are one body: the register keeps them as aliases. */
const DEMO_ALIASES: Record<string, string> = { 自治县团委: '共青团自治县委', 自治县法院: '自治县人民法院' };

/** The demo plan as printed: issued 2023-05-05 for 2021–2025. The demo moves it so that `TEXT_YEAR` is last year. */
const TEXT_ISSUE_YEAR = 2023;
const TEXT_YEAR = 2023;

export const DEMO_RETURN_REASON = '实施方案缺少各项目标的责任分工和时间安排，请补充后重新提交。';

/** What the demo loaded: the hook for whatever adds to it (e.g. demo user accounts). */
export interface LoadedDemo {
  committeeId: number;
  planIds: number[];
  /** Every demo unit, members first by id; each has one liaison. */
  units: Array<{ id: number; name: string; isMember: boolean; liaisonEmail: string }>;
  tasks: number;
}

/**
 * Adds to the demo (e.g. `src/demo/demo-accounts.ts`: an office account and one liaison per unit).
 * Register as a provider under DEMO_EXTENSIONS (multi): `afterLoad` runs in the loading transaction
 * order after the demo exists; `beforeRemove` inside the `demo remove` transaction, before the
 * committee's rows go.
 */
export interface DemoExtension {
  afterLoad(demo: LoadedDemo): Promise<void>;
  beforeRemove?(committeeId: number, em: EntityManager): Promise<void>;
}
export const DEMO_EXTENSIONS = Symbol('DEMO_EXTENSIONS');

export interface DemoRemoval {
  committeeId: number;
  plans: number;
  units: number;
  tasks: number;
  mail: number;
}

/**
 * First start on an empty database: load the Weining women's plan (a real notice) with its units
 * and example liaison addresses into the demo committee (示例), so a new user sees a real plan,
 * duties and reminders at once. The demo is live at the clock's date: its plan period includes
 * today, and its tasks are in every state an office meets (accepted, returned with a reason,
 * submitted and waiting, due soon, a few overdue). `demo remove` deletes it and nothing else.
 */
@Injectable()
export class DemoSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Demo');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly committees: CommitteesService,
    private readonly units: UnitsService,
    private readonly imports: PlanImportService,
    private readonly duties: GenerateDutiesService,
    private readonly lifecycle: TaskLifecycleService,
    @Optional() @Inject(DEMO_EXTENSIONS) private readonly extensions: DemoExtension[] | DemoExtension | null = null,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demo.loadOnEmptyDatabase) return;
    // Only a brand-new database: after `demo remove` the installation's own committee remains.
    if ((await this.dataSource.getRepository(Committee).count()) > 0) return;
    if (
      (await this.dataSource.getRepository(Unit).count()) > 0 ||
      (await this.dataSource.getRepository(Plan).count()) > 0
    )
      return;
    await this.load();
  }

  async demoCommittee(): Promise<Committee | null> {
    return this.dataSource.getRepository(Committee).findOneBy({ name: DEMO_COMMITTEE_NAME });
  }

  async load(): Promise<LoadedDemo> {
    if (await this.demoCommittee())
      throw new AppError(409, 'DEMO_EXISTS', 'the demo is already loaded (demo remove deletes it)');
    const tz = this.config.committee.timeZone;
    const today = localDateOf(this.clock.now(), tz);
    const yearShift = Number(today.slice(0, 4)) - 1 - TEXT_YEAR;
    const committee = await this.dataSource.getRepository(Committee).save(
      this.dataSource.getRepository(Committee).create({
        name: DEMO_COMMITTEE_NAME,
        level: 'county',
        timeZone: tz,
        parentId: null,
        officeEmail: 'fgw@weining.example.org',
      }),
    );
    const text = await readFile(DEMO_PLAN_FILE, 'utf8');
    const doc = parsePlanText(text);
    const names = distinctUnits(doc.plans.flatMap(allGoals)).filter((n) => n !== ALL_MEMBERS && !(n in DEMO_ALIASES));
    let n = 0;
    for (const name of [...names, ...Object.values(DEMO_ALIASES)].filter((v, i, a) => a.indexOf(v) === i).sort()) {
      n++;
      const short = name.replace(/^自治县/, '');
      await this.units.create({
        name,
        kind: guessUnitKind(name),
        isMember: !name.startsWith('市'),
        aliases: Object.entries(DEMO_ALIASES)
          .filter(([, full]) => full === name)
          .map(([alias]) => alias),
        liaisons: [
          {
            name: `${short}联络员`,
            email: `liaison${String(n).padStart(2, '0')}@weining.example.org`,
            phone: `0857-62${String(1000 + n)}`,
          },
        ],
        headName: `${short}负责人`,
        headEmail: `head${String(n).padStart(2, '0')}@weining.example.org`,
        committeeId: committee.id,
      });
    }
    const preview = await this.imports.run({ text, committeeId: committee.id, dryRun: false });
    const planIds = preview.plans.map((p) => p.changes.planId!).filter(Boolean);
    await this.movePlans(planIds, yearShift);
    // The duties of the demo plan, so that a new user sees tasks, deadlines and reminders at once.
    let generated = 0;
    for (const planId of planIds)
      generated += (await this.duties.generatePlan(planId, { ...OFFICE_ACTOR, name: 'demo' })).added.length;
    const units = await this.dataSource
      .getRepository(Unit)
      .find({ where: { committeeId: committee.id }, relations: { liaisons: true }, order: { id: 'ASC' } });
    const adHoc = await this.bringToLife(
      committee.id,
      planIds[0]!,
      units.filter((u) => u.isMember),
      today,
    );
    const loaded: LoadedDemo = {
      committeeId: committee.id,
      planIds,
      units: [...units.filter((u) => u.isMember), ...units.filter((u) => !u.isMember)].map((u) => ({
        id: u.id,
        name: u.name,
        isMember: u.isMember,
        liaisonEmail: u.liaisons![0]!.email,
      })),
      tasks: generated + adHoc,
    };
    for (const extension of this.extensionList()) await extension.afterLoad(loaded);
    const members = units.filter((u) => u.isMember).length;
    this.logger.log(
      `loaded the demo into ${DEMO_COMMITTEE_NAME}: ${preview.plans.map((p) => p.title).join('; ')} with ${units.length} units (${members} members) and ${loaded.tasks} tasks (set demo.loadOnEmptyDatabase: false to start empty; \`demo remove\` deletes it)`,
    );
    return loaded;
  }

  /** Deletes the demo committee and everything in it; other committees are not touched. */
  async remove(): Promise<DemoRemoval | null> {
    const committee = await this.demoCommittee();
    if (!committee) return null;
    const id = committee.id;
    const removal = await this.dataSource.transaction(async (em) => {
      for (const extension of this.extensionList()) await extension.beforeRemove?.(id, em);
      const counted: DemoRemoval = {
        committeeId: id,
        plans: await em.countBy(Plan, { committeeId: id }),
        units: await em.countBy(Unit, { committeeId: id }),
        tasks: await em.countBy(Task, { committeeId: id }),
        mail: await em.countBy(MailOutbox, { committeeId: id }),
      };
      // Children first (tasks restrict the deletion of their units); the rest cascades.
      await em.delete(MailOutbox, { committeeId: id });
      await em.delete(Task, { committeeId: id });
      await em.delete(Plan, { committeeId: id });
      const unitIds = (await em.find(Unit, { where: { committeeId: id }, select: { id: true } })).map((u) => u.id);
      if (unitIds.length) await em.delete(Unit, { id: In(unitIds) });
      await em.delete(Committee, { id });
      return counted;
    });
    // The installation's own committee stays, so the next start does not load the demo again.
    await this.committees.workCommittee();
    this.logger.log(
      `removed the demo: ${removal.plans} plans, ${removal.units} units, ${removal.tasks} tasks, ${removal.mail} messages`,
    );
    return removal;
  }

  private extensionList(): DemoExtension[] {
    if (!this.extensions) return [];
    return Array.isArray(this.extensions) ? this.extensions : [this.extensions];
  }

  /** Moves the printed plan (issued 2023, 2021–2025) so that its second year of reporting is this year. */
  private async movePlans(planIds: number[], shift: number): Promise<void> {
    if (shift === 0) return;
    const repo = this.dataSource.getRepository(Plan);
    for (const plan of await repo.findBy({ id: In(planIds) })) {
      const shiftYears = (s: string) => s.replace(/(?<!\d)(20\d\d)(?!\d)/g, (y) => String(Number(y) + shift));
      await repo.update(
        { id: plan.id },
        {
          periodStart: plan.periodStart + shift,
          periodEnd: plan.periodEnd + shift,
          issuedOn: plan.issuedOn
            ? `${Number(plan.issuedOn.slice(0, 4)) + shift}${plan.issuedOn.slice(4)}`
            : `${TEXT_ISSUE_YEAR + shift}-05-05`,
          title: shiftYears(plan.title),
          documentNumber: plan.documentNumber ? shiftYears(plan.documentNumber) : null,
        },
      );
    }
  }

  /**
   * The state an office is in a year and a half into a plan. Duties already due: most accepted (on
   * time, one unit late), one implementation plan returned with a reason, the latest reports of four
   * units submitted and waiting for review, two units with nothing in (overdue). Ad hoc tasks (交办)
   * due in 3 and 7 days and 1, 3 and 10 days ago, so reminders, 催办 and 督办 have something real.
   */
  private async bringToLife(committeeId: number, planId: number, members: Unit[], today: string): Promise<number> {
    const tz = this.config.committee.timeZone;
    const at = (date: string, time = '10:00') => zonedDateTime(date, time, tz);
    const repo = this.dataSource.getRepository(Task);
    const due = (await repo.find({ where: { committeeId }, order: { dueOn: 'ASC', id: 'ASC' } })).filter(
      (t) => compareDates(t.dueOn, today) < 0,
    );
    const latestDue = new Map<number | null, string>();
    for (const t of due) latestDue.set(t.unitId, t.dueOn); // sorted by due date: the last one wins
    const index = new Map(members.map((u, i) => [u.id, i]));
    const actor = 'demo';
    await this.dataSource.transaction(async (em) => {
      for (const task of due) {
        const i = task.unitId === null ? -1 : (index.get(task.unitId) ?? -1);
        if (i === 1 || i === 2) continue; // nothing in: overdue
        // Unit 7 is late (never later than yesterday); the others 3–12 days early.
        const late = addDays(task.dueOn, 6);
        const submittedOn =
          i === 7
            ? compareDates(late, today) < 0
              ? late
              : addDays(today, -1)
            : addDays(task.dueOn, -(3 + (Math.max(i, 0) % 10)));
        const submit = {
          taskId: task.id,
          at: at(submittedOn),
          actor,
          actorRole: 'unit' as const,
          action: 'submit' as const,
          fromState: 'assigned' as const,
          toState: 'submitted' as const,
          reason: null,
          details: null,
        };
        const changes: Partial<Task> = {
          state: 'submitted',
          acknowledgedAt: at(submittedOn, '09:00'),
          submittedAt: at(submittedOn),
          submittedOn,
          lastSubmittedAt: at(submittedOn),
        };
        await recordEvent(em, submit);
        const reviewedOn = addDays(submittedOn, 2);
        if (i === 0 && task.kind === 'implementation_plan') {
          changes.state = 'returned';
          await recordEvent(em, {
            taskId: task.id,
            at: at(reviewedOn),
            actor: 'office',
            actorRole: 'office',
            action: 'return',
            fromState: 'submitted',
            toState: 'returned',
            reason: DEMO_RETURN_REASON,
            details: null,
          });
        } else if (
          !(i >= 3 && i <= 6 && task.dueOn === latestDue.get(task.unitId)) &&
          compareDates(reviewedOn, today) < 0
        ) {
          changes.state = 'accepted';
          changes.acceptedAt = at(reviewedOn);
          await recordEvent(em, {
            taskId: task.id,
            at: at(reviewedOn),
            actor: 'office',
            actorRole: 'office',
            action: 'accept',
            fromState: 'submitted',
            toState: 'accepted',
            reason: null,
            details: null,
          });
        }
        await em.update(Task, { id: task.id }, changes);
      }
    });
    const adHoc: Array<[number, string, string]> = [
      [8, `报送${today.slice(0, 4)}年度妇女儿童工作亮点材料`, addDays(today, 3)],
      [9, `报送${today.slice(0, 4)}年度妇女儿童工作亮点材料`, addDays(today, 7)],
      [10, '报送妇女议事会建设情况', addDays(today, -1)],
      [11, '报送“两癌”免费检查进展情况', addDays(today, -3)],
      [12, '报送反家庭暴力工作开展情况', addDays(today, -10)],
    ];
    let created = 0;
    for (const [i, title, dueOn] of adHoc) {
      const unit = members[i];
      if (!unit) continue;
      await this.lifecycle.createAdHoc({ unitId: unit.id, planId, title, dueOn }, { ...OFFICE_ACTOR, name: 'demo' });
      created++;
    }
    return created;
  }
}
