import { CliUsageError, intFlag, type CliCommand } from '../cli/cli-command.js';
import { OFFICE_ACTOR } from '../access/actor.js';
import { GenerateDutiesService, type GenerationReport } from './generate/generate-duties.service.js';

/** One line per (kind, period, due date) instead of one per task. */
function summarise(added: GenerationReport['added']): string[] {
  const groups = new Map<string, { n: number; items: number }>();
  for (const t of added) {
    const key = `${t.kind.padEnd(20)} ${t.periodKey.padEnd(12)} due ${t.dueOn}`;
    const g = groups.get(key) ?? { n: 0, items: 0 };
    g.n++;
    g.items += t.items;
    groups.set(key, g);
  }
  return [...groups.entries()].map(([key, g]) => `    ${key}  ×${g.n} (${g.items} items)`);
}

export function printGenerationReport(r: GenerationReport, out: (s: string) => void): void {
  out(`plan ${r.planId} ${r.planTitle}${r.dryRun ? ' (dry run: nothing was written)' : ''}`);
  out(`  added ${r.added.length} tasks, moved ${r.moved.length}, cancelled ${r.cancelled.length}, revived ${r.revived.length}, unchanged ${r.unchanged}; items +${r.items.added} −${r.items.deactivated} (reactivated ${r.items.reactivated})`);
  for (const line of summarise(r.added)) out(line);
  for (const m of r.moved) out(`  moved     task ${m.taskId} ${m.kind} ${m.periodKey} ${m.unitName}: ${m.from} → ${m.to}${m.to !== m.ruleDueOn ? ` (rule now ${m.ruleDueOn}; the later extension stays)` : ''}`);
  for (const c of r.cancelled) out(`  cancelled task ${c.taskId} ${c.kind} ${c.periodKey} ${c.unitName}: ${c.reason}`);
  for (const v of r.revived) out(`  revived   task ${v.taskId} ${v.kind} ${v.periodKey} ${v.unitName}, due ${v.dueOn}`);
  for (const k of r.keptSubmitted) out(`  kept      task ${k.taskId} ${k.kind} ${k.periodKey} ${k.unitName}: ${k.reason}, but a submission stands`);
  for (const s of r.skipped) out(`  not scheduled: ${s.kind} ${s.period} (${s.reason})`);
  if (r.goalsWithoutLead.length) {
    out(`  goals without a lead unit (${r.goalsWithoutLead.length}); assign one:`);
    for (const g of r.goalsWithoutLead) out(`    area ${g.areaNumber} goal ${g.goalNumber}: ${g.text.slice(0, 50)}${g.text.length > 50 ? '…' : ''}`);
  }
}

export const dutiesCommands: CliCommand[] = [
  {
    name: 'duties',
    usage: 'duties generate [--plan ID] [--dry-run] [--json]',
    description: "turn plans into tasks (every active plan, or one); prints what it added, moved and cancelled",
    needsApp: true,
    async run({ app, args, io }) {
      if (args.positional[0] !== 'generate') throw new CliUsageError('usage: duties generate [--plan ID] [--dry-run] [--json]');
      const reports = await app!.get(GenerateDutiesService).generate({ planId: intFlag(args, 'plan'), dryRun: Boolean(args.flags['dry-run']) }, { ...OFFICE_ACTOR, name: 'cli' });
      if (args.flags.json) io.out(JSON.stringify(reports, null, 2));
      else if (reports.length === 0) io.out('no active plan: nothing to generate');
      else for (const r of reports) printGenerationReport(r, io.out);
      return 0;
    },
  },
];
