import { CLOCK, type Clock } from '../common/time/clock.js';
import { isValidCalendarDate, localDateOf } from '../common/time/calendar-date.util.js';
import { CommitteesService } from '../committees/committees.service.js';
import { CliUsageError, intFlag, type CliCommand } from '../cli/cli-command.js';
import { OutboxSender, type SendReport } from './outbox/outbox-sender.js';
import { ReminderService } from './reminders/reminder.service.js';
import { OfficeActionsService, type CircularInput } from './reminders/office-actions.service.js';

function idList(value: string | true | undefined, name: string): number[] | undefined {
  if (value === undefined) return undefined;
  if (value === true || !/^\d+(,\d+)*$/.test(value)) throw new CliUsageError(`--${name} needs ids separated by commas, e.g. 12,15`);
  return value.split(',').map(Number);
}

function textFlag(value: string | true | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (value === true) throw new CliUsageError(`--${name} needs a value`);
  return value;
}

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
      // Without --date and --since every committee takes its own date now (and the day before it).
      const now = clock.now();
      const at = args.flags.date === undefined && !since ? { now, previous: new Date(now.getTime() - 86_400_000), lookBackDays: 1 } : undefined;
      const report = await app!.get(ReminderService).runTick(today, { previousLocalDate: since ?? null, dryRun, at });
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
  {
    name: 'urge',
    usage: 'urge <taskId…> | --units ID,ID [--message TEXT] [--request-key K] [--committee ID] [--json]',
    description: 'urge chosen tasks or units now (催办): queue the notice to their liaisons and heads, then send',
    needsApp: true,
    async run({ app, args, io }) {
      const taskIds = args.positional.map((p) => {
        if (!/^\d+$/.test(p)) throw new CliUsageError(`not a task id: ${p}`);
        return Number(p);
      });
      const unitIds = idList(args.flags.units, 'units');
      if (!taskIds.length && !unitIds?.length) throw new CliUsageError('usage: urge <taskId…> | --units ID,ID [--message TEXT]');
      const report = await app!.get(OfficeActionsService).urgeNow({
        committeeId: intFlag(args, 'committee'), taskIds, unitIds, message: textFlag(args.flags.message, 'message') ?? null, requestKey: textFlag(args.flags['request-key'], 'request-key'),
      });
      const sent = await app!.get(OutboxSender).sendPending();
      if (args.flags.json) {
        io.out(JSON.stringify({ urged: report, sent: { ...sent, outcomes: undefined } }, null, 2));
        return 0;
      }
      io.out(`urged ${report.tasks} tasks of ${report.units} units on ${report.today} (request ${report.requestKey})`);
      for (const m of report.messages) io.out(`  → ${m.to}  ${m.subject}`);
      io.out(`queued ${report.queued}, already queued ${report.duplicates}`);
      printSendReport(sent, io.out);
      return 0;
    },
  },
  {
    name: 'circular',
    usage: 'circular preview|send [--as-of YYYY-MM-DD] [--plan ID] [--message TEXT] [--notice-number N] [--token T | --yes] [--committee ID] [--json]',
    description: 'the notice naming late units (通报): preview it (prints its token), or send it to every member unit\'s liaisons',
    needsApp: true,
    async run({ app, args, io }) {
      const sub = args.positional[0];
      if (sub !== 'preview' && sub !== 'send') throw new CliUsageError('usage: circular preview|send [--as-of YYYY-MM-DD] [--token T | --yes]');
      const input: CircularInput = {
        committeeId: intFlag(args, 'committee'), asOf: dateFlag(args.flags['as-of'], 'as-of'), planId: intFlag(args, 'plan'),
        message: textFlag(args.flags.message, 'message') ?? null, noticeNumber: textFlag(args.flags['notice-number'], 'notice-number') ?? null,
      };
      const office = app!.get(OfficeActionsService);
      if (sub === 'preview') {
        const preview = await office.previewCircular(input);
        if (args.flags.json) {
          io.out(JSON.stringify(preview, null, 2));
          return 0;
        }
        io.out(`circular as of ${preview.asOf}${preview.scope ? ` (${preview.scope})` : ''}: ${preview.lateUnits.length} units with overdue tasks, ${preview.recipients.length} recipients`);
        for (const u of preview.lateUnits) io.out(`  ${u.unitName}: ${u.overdueCount}`);
        io.out(`subject: ${preview.rendered['zh-CN'].subject}`);
        io.out('');
        io.out(preview.rendered['zh-CN'].text);
        io.out('');
        io.out(`token ${preview.token} (circular send --token ${preview.token} sends exactly this)`);
        return 0;
      }
      const token = textFlag(args.flags.token, 'token') ?? (args.flags.yes === true ? (await office.previewCircular(input)).token : undefined);
      if (!token) throw new CliUsageError('circular send needs --token (from circular preview) or --yes to send the current figures');
      const report = await office.sendCircular({ ...input, token });
      const sent = await app!.get(OutboxSender).sendPending();
      if (args.flags.json) {
        io.out(JSON.stringify({ circular: report, sent: { ...sent, outcomes: undefined } }, null, 2));
        return 0;
      }
      io.out(`circular ${report.token}: ${report.recipients} recipients, queued ${report.queued}, already queued ${report.duplicates}`);
      printSendReport(sent, io.out);
      return 0;
    },
  },
];
