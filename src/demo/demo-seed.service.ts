import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { readFile } from 'node:fs/promises';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { CommitteesService } from '../committees/committees.service.js';
import { Committee } from '../committees/committee.entity.js';
import { Unit } from '../units/unit.entity.js';
import { Plan } from '../plans/entities/plan.entity.js';
import { UnitsService } from '../units/units.service.js';
import { PlanImportService } from '../plans/import/plan-import.service.js';
import { parsePlanText, distinctUnits, allGoals } from '../plans/import/plan-text.parser.js';
import { ALL_MEMBERS } from '../plans/import/annotation.js';
import { guessUnitKind } from '../plans/import/unit-kind.util.js';
import { GenerateDutiesService } from '../duties/generate/generate-duties.service.js';
import { OFFICE_ACTOR } from '../access/actor.js';
import { AccountsService } from '../accounts/accounts.service.js';

export const DEMO_PLAN_FILE = new URL('./assets/weining-notice-and-women-plan-2021-2025.txt', import.meta.url);

/** Spellings in the demo text that are one body: the register keeps them as aliases. */
const DEMO_ALIASES: Record<string, string> = { 自治县团委: '共青团自治县委', 自治县法院: '自治县人民法院' };

/**
 * First start on an empty database: load the Weining women's plan (a real notice) with its units
 * and example liaison addresses, so a new user sees a real plan, duties and reminders at once.
 */
@Injectable()
export class DemoSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Demo');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly committees: CommitteesService,
    private readonly units: UnitsService,
    private readonly imports: PlanImportService,
    private readonly duties: GenerateDutiesService,
    private readonly accounts: AccountsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demo.loadOnEmptyDatabase) return;
    if ((await this.dataSource.getRepository(Unit).count()) > 0 || (await this.dataSource.getRepository(Plan).count()) > 0) return;
    await this.load();
  }

  async load(): Promise<{ planIds: number[]; units: number }> {
    const text = await readFile(DEMO_PLAN_FILE, 'utf8');
    const committee = await this.committees.defaultCommittee();
    if (committee.name === this.config.committee.name) {
      await this.dataSource.getRepository(Committee).update({ id: committee.id }, { name: '威宁自治县妇女儿童工作委员会' });
    }
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
        aliases: Object.entries(DEMO_ALIASES).filter(([, full]) => full === name).map(([alias]) => alias),
        liaisons: [{ name: `${short}联络员`, email: `liaison${String(n).padStart(2, '0')}@weining.example.org`, phone: `0857-62${String(1000 + n)}` }],
        headName: `${short}负责人`,
        headEmail: `head${String(n).padStart(2, '0')}@weining.example.org`,
        committeeId: committee.id,
      });
    }
    const preview = await this.imports.run({ text, committeeId: committee.id, dryRun: false });
    const planIds = preview.plans.map((p) => p.changes.planId!).filter(Boolean);
    // The duties of the demo plan, so that a new user sees tasks, deadlines and reminders at once.
    let tasks = 0;
    for (const planId of planIds) {
      const report = await this.duties.generatePlan(planId, { ...OFFICE_ACTOR, name: 'demo' });
      tasks += report.added.length;
    }
    // Logins for the demo: `office` and one liaison per member unit (README "Logging in").
    await this.accounts.createDemoAccounts(committee.id);
    this.logger.log(`loaded the demo: ${preview.plans.map((p) => p.title).join('; ')} with ${n} units and ${tasks} tasks (set demo.loadOnEmptyDatabase: false to start empty)`);
    return { planIds, units: n };
  }
}
