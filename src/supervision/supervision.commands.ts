import { intFlag, CliUsageError, type CliCommand } from '../cli/cli-command.js';
import { OFFICE_ACTOR } from '../access/actor.js';
import { TaskQueryService } from '../duties/tasks/task-query.service.js';
import { dutyKindLabel } from '../duties/domain/duty-kind.js';
import { RatesService } from './rates/rates.service.js';
import { label } from '../common/i18n/labels.js';

const pct = (r: number | null) => (r === null ? '   –  ' : `${(r * 100).toFixed(1).padStart(5)}%`);
/** Pads by display width: a CJK character takes two columns. */
function padWide(s: string, width: number): string {
  const w = [...s].reduce((n, ch) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
  return s + ' '.repeat(Math.max(1, width - w));
}

export const supervisionCommands: CliCommand[] = [
  {
    name: 'supervision',
    usage: 'supervision report [--plan ID] [--year Y] [--json]',
    description: 'rates per unit (ranked) and the open overdue tasks, as of the clock (LUOSHI_NOW)',
    needsApp: true,
    async run({ app, args, io }) {
      if (args.positional[0] !== 'report') throw new CliUsageError('usage: supervision report [--plan ID] [--year Y] [--json]');
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
        io.out(JSON.stringify({ asOf: report.asOf, today: report.today, timeZone: report.timeZone, overall: report.overall, units: ranking, office: report.groups.find((g) => g.key === 'office') ?? null, overdue }, null, 2));
        return 0;
      }
      const o = report.overall;
      io.out(`as of ${report.today} (${report.timeZone})${filter.planId ? `, plan ${filter.planId}` : ''}${filter.year ? `, year ${filter.year}` : ''}`);
      io.out(`overall: expected ${o.expected}, submitted ${o.submitted}, accepted ${o.accepted}, on time ${pct(o.onTimeRate).trim()}, completion ${pct(o.completionRate).trim()}, open overdue ${o.overdueOpen}`);
      io.out('');
      io.out(`${'rank'.padEnd(5)}${padWide('unit', 30)}${'expected'.padStart(9)}${'submitted'.padStart(10)}${'accepted'.padStart(9)}${'on-time'.padStart(9)}${'complete'.padStart(10)}${'overdue'.padStart(8)}${'avg late'.padStart(9)}`);
      for (const [i, u] of ranking.entries()) {
        if (u.rank === null && (i === 0 || ranking[i - 1]!.rank !== null)) io.out('not ranked (nothing due yet):');
        io.out(
          `${(u.rank === null ? '–' : String(u.rank)).padEnd(5)}${padWide(u.name, 30)}${String(u.expected).padStart(9)}${String(u.submitted).padStart(10)}${String(u.accepted).padStart(9)}` +
            `${pct(u.onTimeRate).padStart(9)}${pct(u.completionRate).padStart(10)}${String(u.overdueOpen).padStart(8)}${(u.averageDaysLate === null ? '–' : u.averageDaysLate.toFixed(1)).padStart(9)}`,
        );
      }
      io.out('');
      io.out(`open overdue tasks (${overdue.length}):`);
      for (const t of overdue) {
        io.out(`  task ${String(t.id).padEnd(6)} ${padWide(t.unit?.name ?? label('officeUnit'), 28)}${padWide(t.kind === 'ad_hoc' ? t.title : dutyKindLabel(t.kind).slice(0, 12), 26)}${t.year}  due ${t.dueOn}  ${String(t.daysLate).padStart(4)} days late  ${t.state}`);
      }
      return 0;
    },
  },
];
