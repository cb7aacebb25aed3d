/**
 * What each configuration key accepts. Values from YAML arrive typed, values from the environment
 * arrive as strings: every rule accepts both and returns the typed value.
 */
export type RuleResult = { ok: true; value: unknown } | { ok: false };
export interface LeafRule {
  rule: (value: unknown) => RuleResult;
  allowed: string;
}
export type ConfigNode = LeafRule | { [key: string]: ConfigNode };

const ok = (value: unknown): RuleResult => ({ ok: true, value });
const fail: RuleResult = { ok: false };

function int(min: number, max: number): LeafRule {
  return {
    allowed: `an integer from ${min} to ${max}`,
    rule: (v) => {
      const n = typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v;
      return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max ? ok(n) : fail;
    },
  };
}

function bool(): LeafRule {
  return {
    allowed: 'true or false',
    rule: (v) => {
      if (typeof v === 'boolean') return ok(v);
      if (v === 'true' || v === '1') return ok(true);
      if (v === 'false' || v === '0') return ok(false);
      return fail;
    },
  };
}

function oneOf<T extends string>(...values: T[]): LeafRule {
  return { allowed: values.join(' | '), rule: (v) => (values.includes(v as T) ? ok(v) : fail) };
}

function text(allowEmpty = true): LeafRule {
  return {
    allowed: allowEmpty ? 'a string' : 'a non-empty string',
    rule: (v) => {
      const value = v ?? '';
      return typeof value === 'string' && (allowEmpty || value.trim() !== '') ? ok(value) : fail;
    },
  };
}

export function isValidTimeZoneName(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz.length > 0;
  } catch {
    return false;
  }
}

const timeZone: LeafRule = {
  allowed: 'an IANA time zone such as Asia/Shanghai',
  rule: (v) => (typeof v === 'string' && isValidTimeZoneName(v) ? ok(v) : fail),
};

const monthDay: LeafRule = {
  allowed: 'a month and day "MM-DD" such as "01-31" (29 February is not allowed)',
  rule: (v) => {
    if (typeof v !== 'string' || !/^\d{2}-\d{2}$/.test(v)) return fail;
    const [m, d] = v.split('-').map(Number);
    const days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    return m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1] ? ok(v) : fail;
  },
};

const hourMinute: LeafRule = {
  allowed: 'a time "HH:mm" from 00:00 to 23:59',
  rule: (v) => (typeof v === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(v) ? ok(v) : fail),
};

const dbUrl: LeafRule = {
  allowed: 'empty (embedded SQLite) or mysql://user:password@host:3306/database',
  rule: (v) => {
    if (v === undefined || v === null || v === '') return ok('');
    if (typeof v !== 'string') return fail;
    try {
      const url = new URL(v);
      return (url.protocol === 'mysql:' || url.protocol === 'mariadb:') && url.pathname.length > 1 ? ok(v) : fail;
    } catch {
      return fail;
    }
  },
};

const smtpUrl: LeafRule = {
  allowed: 'empty (local mailbox) or smtp://user:password@host:587 / smtps://host:465',
  rule: (v) => {
    if (v === undefined || v === null || v === '') return ok('');
    if (typeof v !== 'string') return fail;
    try {
      const url = new URL(v);
      return url.protocol === 'smtp:' || url.protocol === 'smtps:' ? ok(v) : fail;
    } catch {
      return fail;
    }
  },
};

const httpUrl: LeafRule = {
  allowed: 'an http:// or https:// address',
  rule: (v) => {
    if (typeof v !== 'string') return fail;
    try {
      const url = new URL(v);
      return url.protocol === 'http:' || url.protocol === 'https:' ? ok(v.replace(/\/+$/, '')) : fail;
    } catch {
      return fail;
    }
  },
};

const dayList: LeafRule = {
  allowed: 'a list of distinct whole days from 0 to 60, e.g. [7, 3, 1, 0] or "7,3,1,0"',
  rule: (v) => {
    const list = typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean).map((s) => (/^\d+$/.test(s) ? Number(s) : NaN)) : v;
    if (!Array.isArray(list) || list.length === 0) return fail;
    if (!list.every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 60)) return fail;
    if (new Set(list).size !== list.length) return fail;
    return ok([...list].sort((a, b) => b - a));
  },
};

const enabledOrAuto: LeafRule = {
  allowed: 'auto, true or false',
  rule: (v) => (v === 'auto' ? ok('auto') : bool().rule(v)),
};

const dutyRule = { enabled: bool(), dueMonthDay: monthDay };

const emailOrEmpty: LeafRule = {
  allowed: 'empty or an e-mail address such as office@example.gov.cn',
  rule: (v) => {
    if (v === undefined || v === null || v === '') return ok('');
    return typeof v === 'string' && /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(v.trim()) ? ok(v.trim()) : fail;
  },
};

const extensionList: LeafRule = {
  allowed: 'a list of file extensions without dots, e.g. [pdf, docx, xlsx] or "pdf,docx,xlsx"',
  rule: (v) => {
    const list = typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v;
    if (!Array.isArray(list) || list.length === 0) return fail;
    if (!list.every((e) => typeof e === 'string' && /^[a-z0-9]{1,10}$/i.test(e))) return fail;
    return ok([...new Set(list.map((e: string) => e.toLowerCase()))]);
  },
};

export const CONFIG_SCHEMA: ConfigNode = {
  server: { host: text(true), port: int(1, 65535), publicUrl: httpUrl, readCacheMs: int(0, 60_000) },
  database: { url: dbUrl, sqlitePath: text(false) },
  log: { format: oneOf('auto', 'json', 'pretty'), level: oneOf('error', 'warn', 'info', 'debug') },
  committee: {
    name: text(false),
    level: oneOf('county', 'district', 'city', 'province', 'other'),
    timeZone,
  },
  demo: { loadOnEmptyDatabase: bool() },
  duties: {
    dueSoonDays: int(0, 60),
    yellowLateDays: int(0, 60),
    implementationPlan: { enabled: bool(), monthsAfterIssue: int(1, 12) },
    annualReport: dutyRule,
    monitoringData: dutyRule,
    midtermEvaluation: { enabled: enabledOrAuto, dueMonthDay: monthDay },
    finalEvaluation: dutyRule,
    upwardReport: dutyRule,
    attachments: { dir: text(false), maxMegabytes: int(1, 200), allowedExtensions: extensionList },
  },
  reminders: {
    beforeDays: dayList,
    afterFirstDays: int(1, 30),
    afterRepeatEveryDays: int(1, 60),
    escalation: { urgeAfterDays: int(1, 90), superviseAfterDays: int(1, 180) },
    sendHour: hourMinute,
    skipWeekends: bool(),
  },
  mail: {
    driver: oneOf('auto', 'smtp', 'local'),
    smtpUrl,
    from: text(false),
    officeEmail: emailOrEmpty,
    maxAttempts: int(1, 20),
    retry: { baseSeconds: int(1, 86400), maxSeconds: int(1, 604800) },
    batchSize: int(1, 1000),
    leaseSeconds: int(10, 86400),
    clockSkewSeconds: int(0, 86400),
    pollSeconds: int(1, 3600),
    timeoutSeconds: int(1, 600),
    pool: { maxConnections: int(1, 50), rateLimitPerSecond: int(0, 10000) },
    tls: { rejectUnauthorized: bool(), requireTls: bool() },
    mailDir: text(false),
  },
  limits: {
    expensiveRequestsPerMinute: int(1, 10000),
    office: {
      maxTotalMegabytes: int(1, 1024), maxEntryMegabytes: int(1, 1024), maxRatio: int(10, 10000), maxEntries: int(10, 100000),
      maxDepth: int(2, 100), maxXmlDepth: int(16, 10000), parserHeapMegabytes: int(64, 4096), parserTimeoutSeconds: int(1, 600),
    },
  },
  calendar: { alarmDaysBefore: int(0, 60), maxFailedLookupsPerMinute: int(1, 10000) },
  scheduler: { enabled: bool(), tickSeconds: int(1, 3600), maxCatchUpDays: int(1, 366), slotLeaseSeconds: int(10, 86400) },
  auth: {
    sessionHours: int(1, 720),
    lockout: { maxFailures: int(1, 100), lockMinutes: int(1, 1440), perAddressMaxFailures: int(1, 10000) },
    resetLinkMinutes: int(5, 10080),
    adminLogin: text(),
    adminPassword: text(),
    demoPassword: text(),
  },
};
