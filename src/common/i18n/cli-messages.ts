import type { Locale } from './locale.js';

/**
 * What the command line says, in each language (LUOSHI_LANG or the system locale, zh-CN by
 * default): one language per message. Data (names, titles, ids, dates, e-mail subjects) is printed
 * as it is; --json output keeps its keys in either language.
 */
const n = (v: number | string) => String(v);

export const CLI_MESSAGES = {
  'zh-CN': {
    usage: '用法：npm run cli -- <命令> [选项]（或 luoshi <命令>）\n',
    /** Each command's description in Chinese; in English the command's own `description` is said. */
    description: {
      'migration:run': '执行尚未执行的数据库迁移（服务启动时也会执行）',
      'db:generate-migration': '开发者：根据实体变化为 SQLite 和 MySQL 生成迁移（在源码目录运行）',
      health: '检查数据库连接和迁移',
      units: '列出成员单位名册',
      plans: '列出规划，或显示一个规划的领域、目标和措施',
      duties: '把规划生成任务（全部有效规划或指定规划）；列出新增、调整和取消的任务',
      supervision: '按单位统计的办理率（排名）和逾期未办结任务，以时钟为准（LUOSHI_NOW）',
      import: '导入规划文件（.txt UTF-8/GBK 或 .docx）：先用 --dry-run 预览，再正式导入',
      'task-division': '导出规划的任务分工表，或导入分工表（也可为 Word 表格或制表符分隔的文本）',
      mail: '发送已到期的待发邮件（每个实例每隔几秒也会发送）',
      remind: '立即执行一次提醒（时钟：LUOSHI_NOW 或当前时间）并发送排队的邮件',
      urge: '立即催办指定任务或单位：向联络员和负责人发送催办通知',
      circular: '通报逾期单位：预览（给出令牌），或发送给全部成员单位联络员',
      users:
        '账号管理：角色 office_admin、office_staff、unit_liaison、viewer；从标准输入读取的密码为临时密码（首次登录须修改）',
      tokens: '个人 API 令牌（Authorization: Bearer …）；create 只在最后一行输出令牌',
      demo: '加载示例数据（独立的示例工委），或删除示例及其全部数据；其他数据不受影响',
      calendar: '把未完成任务（某单位或全部）导出为 iCalendar 日历文件，每个截止日期一个全天事件',
      report: '生成文书：通报（circular）、催办/督办通知书（notice）或年度工作报告（annual，附 .xlsx 监测表）',
    } as Record<string, string>,
    migrations: {
      applied: (names: string) => `已执行迁移：${names}`,
      upToDate: (kind: string) => `数据库（${kind}）已是最新`,
    },
    health: (type: string, pending: boolean) =>
      `数据库 ${type}：正常，${pending ? '有待执行的迁移' : '迁移已全部执行'}`,
    member: '成员',
    plans: { goalsMeasures: (goals: number, measures: number) => `${n(goals)}项目标，${n(measures)}项措施` },
    duties: {
      none: '没有有效的规划：没有可生成的任务',
      plan: (id: number, title: string, dryRun: boolean) => `规划 ${n(id)} ${title}${dryRun ? '（预览：未写入）' : ''}`,
      summary: (r: {
        added: number;
        moved: number;
        cancelled: number;
        revived: number;
        unchanged: number;
        itemsAdded: number;
        itemsRemoved: number;
        reactivated: number;
      }) =>
        `  新增任务 ${n(r.added)} 项，调整 ${n(r.moved)} 项，取消 ${n(r.cancelled)} 项，恢复 ${n(r.revived)} 项，不变 ${n(r.unchanged)} 项；事项 +${n(r.itemsAdded)} −${n(r.itemsRemoved)}（恢复 ${n(r.reactivated)}）`,
      group: (key: string, count: number, items: number) => `    ${key}  ×${n(count)}（${n(items)} 个事项）`,
      due: '截止',
      moved: (task: string, from: string, to: string, rule: string | null) =>
        `  调整  任务 ${task}：${from} → ${to}${rule ? `（按规则现为 ${rule}；已批准的更晚期限保留）` : ''}`,
      cancelled: (task: string, reason: string) => `  取消  任务 ${task}：${reason}`,
      revived: (task: string, due: string) => `  恢复  任务 ${task}，截止 ${due}`,
      kept: (task: string, reason: string) => `  保留  任务 ${task}：${reason}，但已有提交`,
      skipped: (kind: string, period: string, reason: string) => `  未安排：${kind} ${period}（${reason}）`,
      withoutLead: (count: number) => `  没有牵头单位的目标（${n(count)}项），请指定：`,
      goal: (area: number, goal: number, text: string) => `    领域 ${n(area)} 目标 ${n(goal)}：${text}`,
      cancelReason: {
        duty_no_longer_scheduled: '该职责已不再安排',
        unit_no_longer_holds_goals: '该单位已不再承担相关目标',
      } as Record<string, string>,
    },
    supervision: {
      asOf: (today: string, zone: string, plan?: number, year?: number) =>
        `截至 ${today}（${zone}）${plan ? `，规划 ${n(plan)}` : ''}${year ? `，${n(year)}年` : ''}`,
      overall: (o: {
        expected: number;
        submitted: number;
        accepted: number;
        onTime: string;
        completion: string;
        overdue: number;
      }) =>
        `总体：应报 ${n(o.expected)}，已报 ${n(o.submitted)}，通过 ${n(o.accepted)}，按时率 ${o.onTime}，完成率 ${o.completion}，逾期未办结 ${n(o.overdue)}`,
      columns: {
        rank: '排名',
        unit: '单位',
        expected: '应报',
        submitted: '已报',
        accepted: '通过',
        onTime: '按时率',
        complete: '完成率',
        overdue: '逾期',
        avgLate: '平均逾期',
      },
      notRanked: '不参与排名（尚无到期任务）：',
      overdueTitle: (count: number) => `逾期未办结任务（${n(count)}）：`,
      overdueRow: (id: string, due: string, days: string, state: string) =>
        `  任务 ${id} 截止 ${due}  逾期${days}天  ${state}`,
      office: '妇儿工委办公室',
    },
    mail: {
      goesTo: (driver: string) => `邮件发送到：${driver}`,
      outcome: {
        sent: '已发送',
        retry: '稍后重试',
        failed: '失败',
        rejected: '被拒收',
        cancelled: '已取消',
        lost: '已转交',
      } as Record<string, string>,
      totals: (r: { sent: number; retried: number; failed: number; rejected: number; cancelled: number }) =>
        `已发送 ${n(r.sent)}，稍后重试 ${n(r.retried)}，失败 ${n(r.failed)}，被拒收 ${n(r.rejected)}，已取消 ${n(r.cancelled)}`,
    },
    remind: {
      title: (today: string, since: string, dryRun: boolean) =>
        `${today} 的提醒（涵盖 ${since} 之后的日期）${dryRun ? '——预览，未写入' : ''}`,
      looked: (considered: number, reminded: number) =>
        `  查看了 ${n(considered)} 项未办结任务，其中 ${n(reminded)} 项需要提醒`,
      status: { 'would-queue': '将排队', 'already-queued': '已排队过', queued: '已排队', duplicate: '重复' } as Record<
        string,
        string
      >,
      kind: {
        digest: '提醒',
        urge: '催办',
        supervise: '督办',
        review_digest: '待审核',
        decision: '办理结果',
        circular: '通报',
      } as Record<string, string>,
      wouldQueue: (would: number, dup: number) => `将排队 ${n(would)} 封，已排队过 ${n(dup)} 封`,
      queued: (queued: number, dup: number) => `已排队 ${n(queued)} 封，已排队过 ${n(dup)} 封`,
    },
    urge: {
      done: (tasks: number, units: number, today: string, key: string) =>
        `已于 ${today} 催办 ${n(units)} 个单位的 ${n(tasks)} 项任务（请求 ${key}）`,
    },
    circular: {
      preview: (asOf: string, scope: string | null, units: number, recipients: number) =>
        `截至 ${asOf} 的通报${scope ? `（${scope}）` : ''}：${n(units)} 个单位有逾期任务，收件人 ${n(recipients)} 个`,
      subject: '主题：',
      token: (token: string) => `令牌 ${token}（circular send --token ${token} 发送的正是以上内容）`,
      sent: (token: string, recipients: number, queued: number, dup: number) =>
        `通报 ${token}：收件人 ${n(recipients)} 个，已排队 ${n(queued)} 封，已排队过 ${n(dup)} 封`,
    },
    users: {
      created: (id: number, login: string, role: string, unit: number | null, password: boolean) =>
        `已创建用户 ${n(id)} ${login}（${role}${unit ? `，单位 ${n(unit)}` : ''}）${password ? '；首次登录须修改密码' : '；尚未设置密码：请用 users set-password 或重置链接'}`,
      row: { unit: (id: number) => `单位 ${n(id)}`, office: '办公室', disabled: '（已停用）' },
      disabled: (login: string) => `已停用 ${login}`,
      enabled: (login: string) => `已启用 ${login}`,
      passwordSet: (login: string) => `已为 ${login} 设置密码`,
    },
    tokens: {
      created: (id: number, login: string, until: string | null) =>
        `已为 ${login} 创建令牌 ${n(id)}${until ? `，有效期至 ${until}` : ''}；只显示这一次：`,
      revoked: '已撤销',
      until: (d: string) => `有效期至 ${d}`,
      noExpiry: '长期有效',
      revokedId: (id: number) => `已撤销令牌 ${n(id)}`,
    },
    demo: {
      nothing: '没有可删除的示例',
      removed: (name: string, r: { plans: number; units: number; tasks: number; mail: number }) =>
        `已删除示例（${name}）：规划 ${n(r.plans)} 个，单位 ${n(r.units)} 个，任务 ${n(r.tasks)} 项，邮件 ${n(r.mail)} 封`,
      loaded: (id: number, name: string, units: number, tasks: number) =>
        `已把示例加载到工委 ${n(id)}（${name}）：单位 ${n(units)} 个，任务 ${n(tasks)} 项`,
    },
    taskDivision: {
      wrote: (file: string, bytes: number) => `已写入 ${file}（${n(bytes)} 字节）`,
      dryRun: '预览（未写入）',
      done: '已导入',
      rows: (rows: number, goals: number, added: number, removed: number) =>
        `${n(rows)} 行对应到目标；${n(goals)} 项目标有变化：新增分工 ${n(added)} 处，删除 ${n(removed)} 处`,
      newUnits: (names: string) => `新建单位：${names}`,
      unknownUnits: (list: string) => `未知单位（请加入名册，或用 --accept-new-units 新建）：${list}`,
      unknownUnit: (name: string, row: number) => `${name}（第${n(row)}行）`,
      unmatched: (count: number, list: string) => `${n(count)} 行对不上任何目标：${list}`,
      unmatchedRow: (row: number, text: string) => `第${n(row)}行“${text}”`,
      withoutLead: (count: number, list: string) => `${n(count)} 项目标没有牵头单位：${list}`,
      everyLead: '每项目标都有牵头单位',
    },
  },
  en: {
    usage: 'usage: npm run cli -- <command> [options] (or luoshi <command>)\n',
    migrations: {
      applied: (names: string) => `applied: ${names}`,
      upToDate: (kind: string) => `database (${kind}) is up to date`,
    },
    health: (type: string, pending: boolean) =>
      `database ${type}: up${pending ? ', migrations pending' : ', migrations applied'}`,
    member: 'member',
    plans: { goalsMeasures: (goals: number, measures: number) => `${n(goals)} goals, ${n(measures)} measures` },
    duties: {
      none: 'no active plan: nothing to generate',
      plan: (id: number, title: string, dryRun: boolean) =>
        `plan ${n(id)} ${title}${dryRun ? ' (dry run: nothing was written)' : ''}`,
      summary: (r: {
        added: number;
        moved: number;
        cancelled: number;
        revived: number;
        unchanged: number;
        itemsAdded: number;
        itemsRemoved: number;
        reactivated: number;
      }) =>
        `  added ${n(r.added)} tasks, moved ${n(r.moved)}, cancelled ${n(r.cancelled)}, revived ${n(r.revived)}, unchanged ${n(r.unchanged)}; items +${n(r.itemsAdded)} −${n(r.itemsRemoved)} (reactivated ${n(r.reactivated)})`,
      group: (key: string, count: number, items: number) => `    ${key}  ×${n(count)} (${n(items)} items)`,
      due: 'due',
      moved: (task: string, from: string, to: string, rule: string | null) =>
        `  moved     task ${task}: ${from} → ${to}${rule ? ` (rule now ${rule}; the later extension stays)` : ''}`,
      cancelled: (task: string, reason: string) => `  cancelled task ${task}: ${reason}`,
      revived: (task: string, due: string) => `  revived   task ${task}, due ${due}`,
      kept: (task: string, reason: string) => `  kept      task ${task}: ${reason}, but a submission stands`,
      skipped: (kind: string, period: string, reason: string) => `  not scheduled: ${kind} ${period} (${reason})`,
      withoutLead: (count: number) => `  goals without a lead unit (${n(count)}); assign one:`,
      goal: (area: number, goal: number, text: string) => `    area ${n(area)} goal ${n(goal)}: ${text}`,
      cancelReason: {
        duty_no_longer_scheduled: 'duty no longer scheduled',
        unit_no_longer_holds_goals: 'unit no longer holds its goals',
      } as Record<string, string>,
    },
    supervision: {
      asOf: (today: string, zone: string, plan?: number, year?: number) =>
        `as of ${today} (${zone})${plan ? `, plan ${n(plan)}` : ''}${year ? `, year ${n(year)}` : ''}`,
      overall: (o: {
        expected: number;
        submitted: number;
        accepted: number;
        onTime: string;
        completion: string;
        overdue: number;
      }) =>
        `overall: expected ${n(o.expected)}, submitted ${n(o.submitted)}, accepted ${n(o.accepted)}, on time ${o.onTime}, completion ${o.completion}, open overdue ${n(o.overdue)}`,
      columns: {
        rank: 'rank',
        unit: 'unit',
        expected: 'expected',
        submitted: 'submitted',
        accepted: 'accepted',
        onTime: 'on-time',
        complete: 'complete',
        overdue: 'overdue',
        avgLate: 'avg late',
      },
      notRanked: 'not ranked (nothing due yet):',
      overdueTitle: (count: number) => `open overdue tasks (${n(count)}):`,
      overdueRow: (id: string, due: string, days: string, state: string) =>
        `  task ${id} due ${due}  ${days} days late  ${state}`,
      office: "Women and Children's Committee office",
    },
    mail: {
      goesTo: (driver: string) => `mail goes to: ${driver}`,
      outcome: {
        sent: 'sent',
        retry: 'retry',
        failed: 'failed',
        rejected: 'rejected',
        cancelled: 'cancelled',
        lost: 'lost',
      } as Record<string, string>,
      totals: (r: { sent: number; retried: number; failed: number; rejected: number; cancelled: number }) =>
        `sent ${n(r.sent)}, retry later ${n(r.retried)}, failed ${n(r.failed)}, rejected ${n(r.rejected)}, cancelled ${n(r.cancelled)}`,
    },
    remind: {
      title: (today: string, since: string, dryRun: boolean) =>
        `reminders for ${today} (covering the days after ${since})${dryRun ? ' — dry run, nothing written' : ''}`,
      looked: (considered: number, reminded: number) =>
        `  ${n(considered)} open tasks looked at, ${n(reminded)} with a reminder due`,
      status: {} as Record<string, string>,
      kind: {} as Record<string, string>,
      wouldQueue: (would: number, dup: number) => `would queue ${n(would)}, already queued ${n(dup)}`,
      queued: (queued: number, dup: number) => `queued ${n(queued)}, already queued ${n(dup)}`,
    },
    urge: {
      done: (tasks: number, units: number, today: string, key: string) =>
        `urged ${n(tasks)} tasks of ${n(units)} units on ${today} (request ${key})`,
    },
    circular: {
      preview: (asOf: string, scope: string | null, units: number, recipients: number) =>
        `circular as of ${asOf}${scope ? ` (${scope})` : ''}: ${n(units)} units with overdue tasks, ${n(recipients)} recipients`,
      subject: 'subject: ',
      token: (token: string) => `token ${token} (circular send --token ${token} sends exactly this)`,
      sent: (token: string, recipients: number, queued: number, dup: number) =>
        `circular ${token}: ${n(recipients)} recipients, queued ${n(queued)}, already queued ${n(dup)}`,
    },
    users: {
      created: (id: number, login: string, role: string, unit: number | null, password: boolean) =>
        `created user ${n(id)} ${login} (${role}${unit ? `, unit ${n(unit)}` : ''})${password ? '; the password must be changed at first login' : '; no password yet: use users set-password or a reset link'}`,
      row: { unit: (id: number) => `unit ${n(id)}`, office: 'office', disabled: '  (disabled)' },
      disabled: (login: string) => `disabled ${login}`,
      enabled: (login: string) => `enabled ${login}`,
      passwordSet: (login: string) => `password set for ${login}`,
    },
    tokens: {
      created: (id: number, login: string, until: string | null) =>
        `token ${n(id)} for ${login}${until ? `, works until ${until}` : ''}; shown once:`,
      revoked: 'revoked',
      until: (d: string) => `until ${d}`,
      noExpiry: 'no expiry',
      revokedId: (id: number) => `revoked token ${n(id)}`,
    },
    demo: {
      nothing: 'no demo to remove',
      removed: (name: string, r: { plans: number; units: number; tasks: number; mail: number }) =>
        `removed the demo (${name}): ${n(r.plans)} plans, ${n(r.units)} units, ${n(r.tasks)} tasks, ${n(r.mail)} messages`,
      loaded: (id: number, name: string, units: number, tasks: number) =>
        `loaded the demo into committee ${n(id)} (${name}): ${n(units)} units, ${n(tasks)} tasks`,
    },
    taskDivision: {
      wrote: (file: string, bytes: number) => `wrote ${file} (${n(bytes)} bytes)`,
      dryRun: 'Preview — nothing was written',
      done: 'Imported',
      rows: (rows: number, goals: number, added: number, removed: number) =>
        `${n(rows)} rows matched to goals; ${n(goals)} goals changed: ${n(added)} assignments added, ${n(removed)} removed`,
      newUnits: (names: string) => `new units: ${names}`,
      unknownUnits: (list: string) => `unknown units (add them to the register or use --accept-new-units): ${list}`,
      unknownUnit: (name: string, row: number) => `${name} (row ${n(row)})`,
      unmatched: (count: number, list: string) => `${n(count)} row(s) match no goal: ${list}`,
      unmatchedRow: (row: number, text: string) => `row ${n(row)} "${text}"`,
      withoutLead: (count: number, list: string) => `${n(count)} goal(s) without a lead unit: ${list}`,
      everyLead: 'every goal has a lead unit',
    },
  },
} satisfies Record<Locale, unknown>;

export type CliMessages = (typeof CLI_MESSAGES)['zh-CN'];

export function cliMessages(locale: Locale = 'zh-CN'): CliMessages {
  return CLI_MESSAGES[locale] as CliMessages;
}
