import { intFlag, CliUsageError, type CliCommand } from '../cli/cli-command.js';
import { OFFICE_ACTOR } from '../access/actor.js';
import { TaskQueryService } from '../duties/tasks/task-query.service.js';
import { dutyKindLabel } from '../duties/domain/duty-kind.js';
import { RatesService } from './rates/rates.service.js';
import { padStartWide, padWide } from '../cli/text-width.js';
import { TASK_STATE_LABELS } from '../duties/domain/task-lifecycle.js';
import { cliMessages } from '../common/i18n/cli-messages.js';

const pct = (r: number | null) => (r === null ? '   –  ' : `${(r * 100).toFixed(1).padStart(5)}%`);

export const supervisionCommands: CliCommand[] = [
  {
    name: 'supervision',
    usage: 'supervision report [--plan ID] [--year Y] [--json]',
    description: 'rates per unit (ranked) and the open overdue tasks, as of the clock (LUOSHI_NOW)',
    needsApp: true,
    async run({ app, args, io, locale = 'zh-CN' }) {
      if (args.positional[0] !== 'report')
        throw new CliUsageError(
          'usage: supervision report [--plan ID] [--year Y] [--json]',
          '用法：supervision report [--plan ID] [--year Y] [--json]',
        );
      const t = cliMessages(locale).supervision;
      const filter = { planId: intFlag(args, 'plan'), year: intFlag(args, 'year') };
      const actor = { ...OFFICE_ACTOR, name: 'cli' };
      const rates = app!.get(RatesService);
      const tasks = app!.get(TaskQueryService);
      const [report, ranking] = await Promise.all([rates.report(actor, filter, 'unit'), rates.ranking(actor, filter)]);
      const overdue = [];
      for (let page = 1; ; page++) {
        const p = await tasks.list(actor, { ...filter, status: 'overdue', sort: 'dueOn', page, pageSize: 200 });
        overdue.push(...p.items);
        if (overdue.length >= p.total || p.items.length === 0) break;
      }
      if (args.flags.json) {
        io.out(
          JSON.stringify(
            {
              asOf: report.asOf,
              today: report.today,
              timeZone: report.timeZone,
              overall: report.overall,
              units: ranking,
              office: report.groups.find((g) => g.key === 'office') ?? null,
              overdue,
            },
            null,
            2,
          ),
        );
        return 0;
      }
      const o = report.overall;
      io.out(t.asOf(report.today, report.timeZone, filter.planId, filter.year));
      io.out(
        t.overall({
          expected: o.expected,
          submitted: o.submitted,
          accepted: o.accepted,
          onTime: pct(o.onTimeRate).trim(),
          completion: pct(o.completionRate).trim(),
          overdue: o.overdueOpen,
        }),
      );
      io.out('');
      const c = t.columns;
      io.out(
        `${padWide(c.rank, 5)}${padWide(c.unit, 30)}${padStartWide(c.expected, 9)}${padStartWide(c.submitted, 10)}${padStartWide(c.accepted, 9)}${padStartWide(c.onTime, 9)}${padStartWide(c.complete, 10)}${padStartWide(c.overdue, 8)}${padStartWide(c.avgLate, 9)}`,
      );
      for (const [i, u] of ranking.entries()) {
        if (u.rank === null && (i === 0 || ranking[i - 1]!.rank !== null)) io.out(t.notRanked);
        io.out(
          `${(u.rank === null ? '–' : String(u.rank)).padEnd(5)}${padWide(u.name, 30)}${String(u.expected).padStart(9)}${String(u.submitted).padStart(10)}${String(u.accepted).padStart(9)}` +
            `${pct(u.onTimeRate).padStart(9)}${pct(u.completionRate).padStart(10)}${String(u.overdueOpen).padStart(8)}${(u.averageDaysLate === null ? '–' : u.averageDaysLate.toFixed(1)).padStart(9)}`,
        );
      }
      io.out('');
      io.out(t.overdueTitle(overdue.length));
      for (const task of overdue) {
        const what = `${padWide(task.unit?.name ?? t.office, 28)}${padWide(task.kind === 'ad_hoc' ? task.title : dutyKindLabel(task.kind, locale).slice(0, locale === 'en' ? 24 : 12), 26)}${task.year}`;
        io.out(
          t.overdueRow(
            `${String(task.id).padEnd(6)} ${what}`,
            task.dueOn,
            String(task.daysLate).padStart(4),
            TASK_STATE_LABELS[task.state]?.[locale] ?? task.state,
          ),
        );
      }
      return 0;
    },
  },
];
