import { cliMessages } from '../common/i18n/cli-messages.js';
import type { Locale } from '../common/i18n/locale.js';
import { padWide } from '../cli/text-width.js';
import { CLOCK, type Clock } from '../common/time/clock.js';
import { localDateOf } from '../common/time/calendar-date.util.js';
import { CommitteesService } from '../committees/committees.service.js';
import { CliUsageError, dateFlag, intFlag, stringFlag, type CliCommand } from '../cli/cli-command.js';
import { OutboxSender, type SendReport } from './outbox/outbox-sender.js';
import { ReminderService } from './reminders/reminder.service.js';
import { OfficeActionsService, type CircularInput } from './reminders/office-actions.service.js';

function idList(value: string | true | undefined, name: string): number[] | undefined {
  if (value === undefined) return undefined;
  if (value === true || !/^\d+(,\d+)*$/.test(value))
    throw new CliUsageError(
      `--${name} needs ids separated by commas, e.g. 12,15`,
      `--${name} 需要用逗号分隔的编号，如 12,15`,
    );
  return value.split(',').map(Number);
}

function printSendReport(report: SendReport, out: (t: string) => void, locale: Locale): void {
  const t = cliMessages(locale).mail;
  for (const o of report.outcomes)
    out(
      `  ${padWide(t.outcome[o.status] ?? o.status, 10)}#${o.id} → ${o.to}  ${o.subject}${o.detail && o.status !== 'sent' ? `  (${o.detail})` : ''}`,
    );
  out(t.totals(report));
}

export const notificationCommands: CliCommand[] = [
  {
    name: 'mail',
    usage: 'mail send-pending [--limit N] [--json]',
    description: 'deliver the queued mail that is due now (what every instance does every few seconds)',
    needsApp: true,
    async run({ app, args, io, locale = 'zh-CN' }) {
      if (args.positional[0] !== 'send-pending')
        throw new CliUsageError(
          'usage: mail send-pending [--limit N] [--json]',
          '用法：mail send-pending [--limit N] [--json]',
        );
      const sender = app!.get(OutboxSender);
      const report = await sender.sendPending({ limit: intFlag(args, 'limit') });
      if (args.flags.json) io.out(JSON.stringify(report, null, 2));
      else {
        io.out(cliMessages(locale).mail.goesTo(sender.describeDriver()));
        printSendReport(report, io.out, locale);
      }
      return report.failed > 0 ? 1 : 0;
    },
  },
  {
    name: 'remind',
    usage: 'remind run-once [--dry-run] [--date YYYY-MM-DD] [--since YYYY-MM-DD] [--json]',
    description: 'run one reminder tick now (clock: LUOSHI_NOW or real time) and send what it queued',
    needsApp: true,
    async run({ app, args, io, locale = 'zh-CN' }) {
      if (args.positional[0] !== 'run-once')
        throw new CliUsageError(
          'usage: remind run-once [--dry-run] [--date YYYY-MM-DD] [--since YYYY-MM-DD]',
          '用法：remind run-once [--dry-run] [--date YYYY-MM-DD] [--since YYYY-MM-DD]',
        );
      const t = cliMessages(locale);
      const committee = await app!.get(CommitteesService).defaultCommittee();
      const clock = app!.get<Clock>(CLOCK);
      const today = dateFlag(args, 'date') ?? localDateOf(clock.now(), committee.timeZone);
      const since = dateFlag(args, 'since');
      if (since && since >= today)
        throw new CliUsageError('--since must be before the day run', '--since 必须早于运行的日期');
      const dryRun = args.flags['dry-run'] === true;
      // Without --date and --since every committee takes its own date now (and the day before it).
      const now = clock.now();
      const at =
        args.flags.date === undefined && !since
          ? { now, previous: new Date(now.getTime() - 86_400_000), lookBackDays: 1 }
          : undefined;
      const report = await app!.get(ReminderService).runTick(today, { previousLocalDate: since ?? null, dryRun, at });
      const sent = dryRun ? null : await app!.get(OutboxSender).sendPending();
      if (args.flags.json) {
        io.out(JSON.stringify({ reminders: report, sent: sent && { ...sent, outcomes: undefined } }, null, 2));
        return 0;
      }
      io.out(t.remind.title(report.today, report.since, dryRun));
      io.out(t.remind.looked(report.tasksConsidered, report.tasksReminded));
      for (const m of report.messages)
        io.out(
          `  ${padWide(t.remind.status[m.status] ?? m.status, 15)}${padWide(t.remind.kind[m.kind] ?? m.kind, 11)}→ ${m.to}  ${m.subject}`,
        );
      io.out(
        dryRun
          ? t.remind.wouldQueue(report.messages.filter((m) => m.status === 'would-queue').length, report.duplicates)
          : t.remind.queued(report.queued, report.duplicates),
      );
      if (sent) {
        io.out(t.mail.goesTo(app!.get(OutboxSender).describeDriver()));
        printSendReport(sent, io.out, locale);
      }
      return 0;
    },
  },
  {
    name: 'urge',
    usage: 'urge <taskId…> | --units ID,ID [--message TEXT] [--request-key K] [--committee ID] [--json]',
    description: 'urge chosen tasks or units now (催办): queue the notice to their liaisons and heads, then send',
    needsApp: true,
    async run({ app, args, io, locale = 'zh-CN' }) {
      const t = cliMessages(locale);
      const taskIds = args.positional.map((p) => {
        if (!/^\d+$/.test(p)) throw new CliUsageError(`not a task id: ${p}`, `不是任务编号：${p}`);
        return Number(p);
      });
      const unitIds = idList(args.flags.units, 'units');
      if (!taskIds.length && !unitIds?.length)
        throw new CliUsageError(
          'usage: urge <taskId…> | --units ID,ID [--message TEXT]',
          '用法：urge <任务编号…> | --units ID,ID [--message 文字]',
        );
      const report = await app!.get(OfficeActionsService).urgeNow({
        committeeId: intFlag(args, 'committee'),
        taskIds,
        unitIds,
        message: stringFlag(args, 'message') ?? null,
        requestKey: stringFlag(args, 'request-key'),
      });
      const sent = await app!.get(OutboxSender).sendPending();
      if (args.flags.json) {
        io.out(JSON.stringify({ urged: report, sent: { ...sent, outcomes: undefined } }, null, 2));
        return 0;
      }
      io.out(t.urge.done(report.tasks, report.units, report.today, report.requestKey));
      for (const m of report.messages) io.out(`  → ${m.to}  ${m.subject}`);
      io.out(t.remind.queued(report.queued, report.duplicates));
      printSendReport(sent, io.out, locale);
      return 0;
    },
  },
  {
    name: 'circular',
    usage:
      'circular preview|send [--as-of YYYY-MM-DD] [--plan ID] [--message TEXT] [--notice-number N] [--token T | --yes] [--committee ID] [--json]',
    description:
      "the notice naming late units (通报): preview it (prints its token), or send it to every member unit's liaisons",
    needsApp: true,
    async run({ app, args, io, locale = 'zh-CN' }) {
      const t = cliMessages(locale);
      const sub = args.positional[0];
      if (sub !== 'preview' && sub !== 'send')
        throw new CliUsageError(
          'usage: circular preview|send [--as-of YYYY-MM-DD] [--token T | --yes]',
          '用法：circular preview|send [--as-of YYYY-MM-DD] [--token T | --yes]',
        );
      const input: CircularInput = {
        committeeId: intFlag(args, 'committee'),
        asOf: dateFlag(args, 'as-of'),
        planId: intFlag(args, 'plan'),
        message: stringFlag(args, 'message') ?? null,
        noticeNumber: stringFlag(args, 'notice-number') ?? null,
      };
      const office = app!.get(OfficeActionsService);
      if (sub === 'preview') {
        const preview = await office.previewCircular(input);
        if (args.flags.json) {
          io.out(JSON.stringify(preview, null, 2));
          return 0;
        }
        io.out(
          t.circular.preview(preview.asOf, preview.scope ?? null, preview.lateUnits.length, preview.recipients.length),
        );
        for (const u of preview.lateUnits) io.out(`  ${u.unitName}${locale === 'en' ? ': ' : '：'}${u.overdueCount}`);
        // The notice as the liaisons in the CLI's language receive it.
        const rendered = preview.rendered[locale] ?? preview.rendered['zh-CN'];
        io.out(`${t.circular.subject}${rendered.subject}`);
        io.out('');
        io.out(rendered.text);
        io.out('');
        io.out(t.circular.token(preview.token));
        return 0;
      }
      const token =
        stringFlag(args, 'token') ??
        (args.flags.yes === true ? (await office.previewCircular(input)).token : undefined);
      if (!token)
        throw new CliUsageError(
          'circular send needs --token (from circular preview) or --yes to send the current figures',
          'circular send 需要 --token（由 circular preview 给出），或用 --yes 发送当前数据',
        );
      const report = await office.sendCircular({ ...input, token });
      const sent = await app!.get(OutboxSender).sendPending();
      if (args.flags.json) {
        io.out(JSON.stringify({ circular: report, sent: { ...sent, outcomes: undefined } }, null, 2));
        return 0;
      }
      io.out(t.circular.sent(report.token, report.recipients, report.queued, report.duplicates));
      printSendReport(sent, io.out, locale);
      return 0;
    },
  },
];
