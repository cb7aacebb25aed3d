import { CLOCK, type Clock } from '../common/time/clock.js';
import { isValidCalendarDate, localDateOf } from '../common/time/calendar-date.util.js';
import { CommitteesService } from '../committees/committees.service.js';
import { CliUsageError, intFlag, type CliCommand } from '../cli/cli-command.js';
import { OutboxSender, type SendReport } from './outbox/outbox-sender.js';
import { ReminderService } from './reminders/reminder.service.js';

function dateFlag(value: string | true | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (value === true || !isValidCalendarDate(value)) throw new CliUsageError(`--${name} needs a date YYYY-MM-DD`);
  return value;
}

function printSendReport(report: SendReport, out: (t: string) => void): void {
  for (const o of report.outcomes) out(`  ${o.status.padEnd(9)} #${o.id} → ${o.to}  ${o.subject}${o.detail && o.status !== 'sent' ? `  (${o.detail})` : ''}`);
  out(`sent ${report.sent}, retry later ${report.retried}, failed ${report.failed}, rejected ${report.rejected}, cancelled ${report.cancelled}`);
}

export const notificationCommands: CliCommand[] = [
  {
    name: 'mail',
    usage: 'mail send-pending [--limit N] [--json]',
    description: 'deliver the queued mail that is due now (what every instance does every few seconds)',
    needsApp: true,
    async run({ app, args, io }) {
      if (args.positional[0] !== 'send-pending') throw new CliUsageError('usage: mail send-pending [--limit N] [--json]');
      const sender = app!.get(OutboxSender);
      const report = await sender.sendPending({ limit: intFlag(args, 'limit') });
      if (args.flags.json) io.out(JSON.stringify(report, null, 2));
      else {
        io.out(`mail goes to: ${sender.describeDriver()}`);
        printSendReport(report, io.out);
      }
      return report.failed > 0 ? 1 : 0;
    },
  },
  {
    name: 'remind',
    usage: 'remind run-once [--dry-run] [--date YYYY-MM-DD] [--since YYYY-MM-DD] [--json]',
    description: 'run one reminder tick now (clock: LUOSHI_NOW or real time) and send what it queued',
    needsApp: true,
    async run({ app, args, io }) {
      if (args.positional[0] !== 'run-once') throw new CliUsageError('usage: remind run-once [--dry-run] [--date YYYY-MM-DD] [--since YYYY-MM-DD]');
      const committee = await app!.get(CommitteesService).defaultCommittee();
      const clock = app!.get<Clock>(CLOCK);
      const today = dateFlag(args.flags.date, 'date') ?? localDateOf(clock.now(), committee.timeZone);
      const since = dateFlag(args.flags.since, 'since');
      if (since && since >= today) throw new CliUsageError('--since must be before the day run');
      const dryRun = args.flags['dry-run'] === true;
      const report = await app!.get(ReminderService).runTick(today, { previousLocalDate: since ?? null, dryRun });
      const sent = dryRun ? null : await app!.get(OutboxSender).sendPending();
      if (args.flags.json) {
        io.out(JSON.stringify({ reminders: report, sent: sent && { ...sent, outcomes: undefined } }, null, 2));
        return 0;
      }
      io.out(`reminders for ${report.today} (covering the days after ${report.since})${dryRun ? ' — dry run, nothing written' : ''}`);
      io.out(`  ${report.tasksConsidered} open tasks looked at, ${report.tasksReminded} with a reminder due`);
      for (const m of report.messages) io.out(`  ${m.status.padEnd(14)} ${m.kind.padEnd(10)} → ${m.to}  ${m.subject}`);
      io.out(dryRun ? `would queue ${report.messages.filter((m) => m.status === 'would-queue').length}, already queued ${report.duplicates}` : `queued ${report.queued}, already queued ${report.duplicates}`);
      if (sent) {
        io.out(`mail goes to: ${app!.get(OutboxSender).describeDriver()}`);
        printSendReport(sent, io.out);
      }
      return 0;
    },
  },
];
