import { cliMessages } from '../common/i18n/cli-messages.js';
import { DataSource } from 'typeorm';
import { createDataSource, databaseKind } from '../database/data-source.factory.js';
import { runPendingMigrations } from '../database/migrate.util.js';
import { generateMigration } from '../database/generate-migration.js';
import { UnitsService } from '../units/units.service.js';
import { PlansService } from '../plans/plans.service.js';
import { CliUsageError, intFlag, type CliCommand } from './cli-command.js';

export const coreCommands: CliCommand[] = [
  {
    name: 'migration:run',
    usage: 'migration:run',
    description: 'apply pending database migrations (the service also does this at start)',
    needsApp: false,
    async run({ config, io, locale }) {
      const t = cliMessages(locale);
      const ds = await createDataSource(config.database);
      await ds.initialize();
      try {
        const applied = await runPendingMigrations(ds);
        io.out(
          applied.length
            ? t.migrations.applied(applied.join(', '))
            : t.migrations.upToDate(databaseKind(config.database)),
        );
        return 0;
      } finally {
        await ds.destroy();
      }
    },
  },
  {
    name: 'db:generate-migration',
    usage: 'db:generate-migration <PascalCaseName> [--tables a,b] [--mysql mysql://root@127.0.0.1:3306/luoshi_gen]',
    description: 'developers: write the migration from entity changes, for SQLite and MySQL (run from the source tree)',
    needsApp: false,
    async run({ args, io }) {
      const name = args.positional[0];
      if (!name)
        throw new CliUsageError('give the migration a name, e.g. AddDutyRules', '请给迁移命名，如 AddDutyRules');
      const url = typeof args.flags.mysql === 'string' ? args.flags.mysql : 'mysql://root@127.0.0.1:3306/luoshi_gen';
      const tables =
        typeof args.flags.tables === 'string'
          ? args.flags.tables
              .split(',')
              .map((t) => t.trim())
              .filter(Boolean)
          : [];
      for (const line of await generateMigration(name, url, undefined, tables)) io.out(line);
      return 0;
    },
  },
  {
    name: 'health',
    usage: 'health',
    description: 'check the database connection and migrations',
    needsApp: true,
    async run({ app, io, locale }) {
      const ds = app!.get(DataSource);
      const pending = await ds.showMigrations();
      io.out(cliMessages(locale).health(ds.options.type, pending));
      return 0;
    },
  },
  {
    name: 'units',
    usage: 'units list [--json]',
    description: 'list the member-unit register',
    needsApp: true,
    async run({ app, args, io, locale }) {
      if (args.positional[0] !== 'list')
        throw new CliUsageError('usage: units list [--json]', '用法：units list [--json]');
      const member = cliMessages(locale).member;
      const page = await app!.get(UnitsService).list({ pageSize: 200 });
      if (args.flags.json) io.out(JSON.stringify(page.items, null, 2));
      else
        for (const u of page.items)
          io.out(
            `${String(u.id).padStart(4)}  ${u.isMember ? member : ' '.repeat(member === '成员' ? 4 : member.length)}  ${u.kind.padEnd(17)} ${u.name}${u.aliases?.length ? `  (${u.aliases.map((a) => a.alias).join('、')})` : ''}`,
          );
      return 0;
    },
  },
  {
    name: 'plans',
    usage: 'plans list [--json] | plans show --plan ID [--json]',
    description: "list plans, or show one plan's areas, goals and measures",
    needsApp: true,
    async run({ app, args, io, locale }) {
      const t = cliMessages(locale);
      const plans = app!.get(PlansService);
      if (args.positional[0] === 'list') {
        const page = await plans.list({ pageSize: 200 });
        if (args.flags.json) io.out(JSON.stringify(page.items, null, 2));
        else
          for (const p of page.items)
            io.out(
              `${String(p.id).padStart(4)}  ${p.periodStart}–${p.periodEnd}  ${p.documentNumber ?? ''}  ${p.title}`,
            );
        return 0;
      }
      if (args.positional[0] === 'show') {
        const id = intFlag(args, 'plan');
        if (!id) throw new CliUsageError('usage: plans show --plan ID', '用法：plans show --plan ID');
        const tree = await plans.getTree(id);
        if (args.flags.json) io.out(JSON.stringify(tree, null, 2));
        else {
          io.out(
            locale === 'en'
              ? `${tree.title} (${tree.periodStart}–${tree.periodEnd})`
              : `${tree.title}（${tree.periodStart}—${tree.periodEnd}）`,
          );
          for (const area of tree.areas)
            io.out(
              `  (${area.number}) ${area.name}${locale === 'en' ? ': ' : '：'}${t.plans.goalsMeasures(area.goals.length, area.measures.length)}`,
            );
        }
        return 0;
      }
      throw new CliUsageError('usage: plans list | plans show --plan ID', '用法：plans list | plans show --plan ID');
    },
  },
];
