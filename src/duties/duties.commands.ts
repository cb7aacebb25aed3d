import { CliUsageError, intFlag, type CliCommand } from '../cli/cli-command.js';
import { padWide } from '../cli/text-width.js';
import { OFFICE_ACTOR } from '../access/actor.js';
import { GenerateDutiesService, type GenerationReport } from './generate/generate-duties.service.js';
import { dutyKindLabel, type DutyKind } from './domain/duty-kind.js';
import { cliMessages } from '../common/i18n/cli-messages.js';
import type { Locale } from '../common/i18n/locale.js';

/** One line per (kind, period, due date) instead of one per task. */
function summarise(added: GenerationReport['added'], locale: Locale): string[] {
  const t = cliMessages(locale).duties;
  const groups = new Map<string, { n: number; items: number }>();
  for (const a of added) {
    const key = `${padWide(dutyKindLabel(a.kind as DutyKind, locale), 20)} ${a.periodKey.padEnd(12)} ${t.due} ${a.dueOn}`;
    const g = groups.get(key) ?? { n: 0, items: 0 };
    g.n++;
    g.items += a.items;
    groups.set(key, g);
  }
  return [...groups.entries()].map(([key, g]) => t.group(key, g.n, g.items));
}

/** The generation report in the CLI's language (LUOSHI_LANG; zh-CN by default). */
export function printGenerationReport(r: GenerationReport, out: (s: string) => void, locale: Locale = 'zh-CN'): void {
  const t = cliMessages(locale).duties;
  const kind = (k: string) => dutyKindLabel(k as DutyKind, locale);
  const task = (x: { taskId: number | null; kind: string; periodKey: string; unitName: string }) =>
    `${x.taskId} ${kind(x.kind)} ${x.periodKey} ${x.unitName}`;
  const reason = (c: string) => t.cancelReason[c] ?? c;
  out(t.plan(r.planId, r.planTitle, r.dryRun));
  out(
    t.summary({
      added: r.added.length,
      moved: r.moved.length,
      cancelled: r.cancelled.length,
      revived: r.revived.length,
      unchanged: r.unchanged,
      itemsAdded: r.items.added,
      itemsRemoved: r.items.deactivated,
      reactivated: r.items.reactivated,
    }),
  );
  for (const line of summarise(r.added, locale)) out(line);
  for (const m of r.moved) out(t.moved(task(m), m.from, m.to, m.to !== m.ruleDueOn ? m.ruleDueOn : null));
  for (const c of r.cancelled) out(t.cancelled(task(c), reason(c.reason)));
  for (const v of r.revived) out(t.revived(task(v), v.dueOn));
  for (const k of r.keptSubmitted) out(t.kept(task(k), reason(k.reason)));
  for (const s of r.skipped) out(t.skipped(kind(s.kind), s.period, s.reason));
  if (r.goalsWithoutLead.length) {
    out(t.withoutLead(r.goalsWithoutLead.length));
    for (const g of r.goalsWithoutLead)
      out(t.goal(g.areaNumber, g.goalNumber, `${g.text.slice(0, 50)}${g.text.length > 50 ? '…' : ''}`));
  }
}

export const dutiesCommands: CliCommand[] = [
  {
    name: 'duties',
    usage: 'duties generate [--plan ID] [--dry-run] [--json]',
    description: 'turn plans into tasks (every active plan, or one); prints what it added, moved and cancelled',
    needsApp: true,
    async run({ app, args, io, locale = 'zh-CN' }) {
      if (args.positional[0] !== 'generate')
        throw new CliUsageError(
          'usage: duties generate [--plan ID] [--dry-run] [--json]',
          '用法：duties generate [--plan ID] [--dry-run] [--json]',
        );
      const reports = await app!
        .get(GenerateDutiesService)
        .generate(
          { planId: intFlag(args, 'plan'), dryRun: Boolean(args.flags['dry-run']) },
          { ...OFFICE_ACTOR, name: 'cli' },
        );
      if (args.flags.json) io.out(JSON.stringify(reports, null, 2));
      else if (reports.length === 0) io.out(cliMessages(locale).duties.none);
      else for (const r of reports) printGenerationReport(r, io.out, locale);
      return 0;
    },
  },
];
