import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CONFIG_SCHEMA, type ConfigNode, type LeafRule } from './config.schema.js';
import { parseInstant } from '../common/time/clock.js';

/** The validated configuration the whole service reads (see config/default.yaml). */
export interface AppConfig {
  /** host: the interface to listen on; empty = all interfaces. */
  /** readCacheMs: how long a cached list answer may be reused while the database is unchanged (0: never; SQLite only). */
  server: { host: string; port: number; publicUrl: string; readCacheMs: number };
  database: { url: string; sqlitePath: string };
  log: { format: 'auto' | 'json' | 'pretty'; level: 'error' | 'warn' | 'info' | 'debug' };
  committee: { name: string; level: string; timeZone: string };
  demo: { loadOnEmptyDatabase: boolean };
  duties: {
    dueSoonDays: number;
    /** Open tasks late by at most this many days still show yellow (0: any overdue task is red). */
    yellowLateDays: number;
    implementationPlan: { enabled: boolean; monthsAfterIssue: number };
    annualReport: { enabled: boolean; dueMonthDay: string };
    monitoringData: { enabled: boolean; dueMonthDay: string };
    midtermEvaluation: { enabled: boolean | 'auto'; dueMonthDay: string };
    finalEvaluation: { enabled: boolean; dueMonthDay: string };
    upwardReport: { enabled: boolean; dueMonthDay: string };
    attachments: { dir: string; maxMegabytes: number; allowedExtensions: string[] };
  };
  reminders: {
    beforeDays: number[];
    afterFirstDays: number;
    afterRepeatEveryDays: number;
    escalation: { urgeAfterDays: number; superviseAfterDays: number };
    sendHour: string;
    skipWeekends: boolean;
  };
  mail: {
    driver: 'auto' | 'smtp' | 'local';
    smtpUrl: string;
    from: string;
    officeEmail: string;
    maxAttempts: number;
    retry: { baseSeconds: number; maxSeconds: number };
    batchSize: number;
    leaseSeconds: number;
    /** How far instances' clocks may disagree: a lease counts as run out only this long after its end. */
    clockSkewSeconds: number;
    pollSeconds: number;
    timeoutSeconds: number;
    pool: { maxConnections: number; rateLimitPerSecond: number };
    tls: { rejectUnauthorized: boolean; requireTls: boolean };
    mailDir: string;
  };
  /** What one uploaded Office file (.docx, .xlsx, attachments) may cost to open; see src/common/office. */
  limits: {
    /** Imports and exports per client address and minute (then 429). */
    expensiveRequestsPerMinute: number;
    office: {
      maxTotalMegabytes: number; maxEntryMegabytes: number; maxRatio: number; maxEntries: number;
      maxDepth: number; maxXmlDepth: number; parserHeapMegabytes: number; parserTimeoutSeconds: number;
    };
  };
  scheduler: { enabled: boolean; tickSeconds: number; maxCatchUpDays: number; slotLeaseSeconds: number };
  auth: {
    sessionHours: number;
    lockout: { maxFailures: number; lockMinutes: number; perAddressMaxFailures: number };
    resetLinkMinutes: number;
    /** The first administrator, created at first start when no user has that login. */
    adminLogin: string;
    adminPassword: string;
    /** Password of the demo accounts; empty: a random one printed once at start. */
    demoPassword: string;
  };
  /** Deadline feeds (iCalendar): the alarm before each deadline; failed feed look-ups per address and minute. */
  calendar: { alarmDaysBefore: number; maxFailedLookupsPerMinute: number };
  /** Set from LUOSHI_NOW: the clock starts there (demos, acceptance checks). */
  now: string | null;
}

/** Named environment variables (the ones README documents); the generic form covers the rest. */
const NAMED_ENV: Record<string, string> = {
  HOST: 'server.host',
  PORT: 'server.port',
  PUBLIC_URL: 'server.publicUrl',
  DB_URL: 'database.url',
  SQLITE_PATH: 'database.sqlitePath',
  LOG_FORMAT: 'log.format',
  LOG_LEVEL: 'log.level',
  LUOSHI_TIME_ZONE: 'committee.timeZone',
  LUOSHI_DEMO: 'demo.loadOnEmptyDatabase',
  SMTP_URL: 'mail.smtpUrl',
  MAIL_FROM: 'mail.from',
  MAIL_DRIVER: 'mail.driver',
  MAIL_OFFICE_EMAIL: 'mail.officeEmail',
  LUOSHI_SCHEDULER: 'scheduler.enabled',
  LUOSHI_ADMIN_LOGIN: 'auth.adminLogin',
  LUOSHI_ADMIN_PASSWORD: 'auth.adminPassword',
  LUOSHI_DEMO_PASSWORD: 'auth.demoPassword',
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Tree = Record<string, unknown>;

function readYaml(path: string): Tree {
  const parsed: unknown = parseYaml(readFileSync(path, 'utf8'));
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError([`${path}: the top level must be a mapping of sections`]);
  }
  return parsed as Tree;
}

function setPath(tree: Tree, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = tree;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Tree;
  }
  node[keys[keys.length - 1]] = value;
}

function merge(base: Tree, over: Tree): Tree {
  const out: Tree = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] =
      value && typeof value === 'object' && !Array.isArray(value) && current && typeof current === 'object' && !Array.isArray(current)
        ? merge(current as Tree, value as Tree)
        : value;
  }
  return out;
}

/** Finds the schema path for a generic LUOSHI__A__B name, matching keys case-insensitively. */
function genericEnvPath(name: string): string | null {
  const parts = name.slice('LUOSHI__'.length).split('__').map((p) => p.toLowerCase());
  const keys: string[] = [];
  let node: ConfigNode | undefined = CONFIG_SCHEMA;
  for (const part of parts) {
    if (!node || 'rule' in node) return null;
    const key: string | undefined = Object.keys(node).find((k) => k.toLowerCase() === part);
    if (!key) return null;
    keys.push(key);
    node = (node as Record<string, ConfigNode>)[key];
  }
  return node && 'rule' in node ? keys.join('.') : null;
}

function validate(node: ConfigNode, value: unknown, path: string, problems: string[], unknown: string[]): unknown {
  if ('rule' in node) {
    const rule = node as LeafRule;
    const result = rule.rule(value);
    if (!result.ok) problems.push(`${path}: value ${maskSecrets(JSON.stringify(value))} is not allowed; allowed: ${rule.allowed}`);
    return result.ok ? result.value : undefined;
  }
  const tree = (value ?? {}) as Tree;
  if (typeof tree !== 'object' || Array.isArray(tree)) {
    problems.push(`${path}: value ${JSON.stringify(value)} is not allowed; allowed: a mapping`);
    return {};
  }
  const out: Tree = {};
  for (const key of Object.keys(tree)) {
    if (!(key in node)) unknown.push(path ? `${path}.${key}` : key);
  }
  for (const [key, child] of Object.entries(node as Record<string, ConfigNode>)) {
    out[key] = validate(child, tree[key], path ? `${path}.${key}` : key, problems, unknown);
  }
  return out;
}

/**
 * Hides the password of anything shaped like scheme://user:password@host, even when the rest of
 * the address is malformed: start-up messages end up in logs and tickets.
 */
export function maskSecrets(text: string): string {
  return text.replace(/(\/\/[^:/@\s"]*:)[^\s"]*@/g, '$1***@');
}

export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv;
  /** Directory holding default.yaml; defaults to ./config of the working directory. */
  configDir?: string;
  /** Overrides applied last (tests). Paths like 'database.url'. */
  overrides?: Record<string, unknown>;
}

/**
 * Loads config/default.yaml, an optional local file, then environment variables, and validates the
 * result. Throws ConfigError listing every wrong key with its value and what is allowed.
 */
export function loadConfig(options: LoadConfigOptions = {}): AppConfig {
  const env = options.env ?? process.env;
  const configDir = options.configDir ?? resolve(process.cwd(), 'config');
  const defaultFile = resolve(configDir, 'default.yaml');
  let tree: Tree = existsSync(defaultFile) ? readYaml(defaultFile) : {};
  const localFile = env.LUOSHI_CONFIG ? resolve(env.LUOSHI_CONFIG) : resolve(configDir, 'local.yaml');
  if (env.LUOSHI_CONFIG && !existsSync(localFile)) {
    throw new ConfigError([`LUOSHI_CONFIG: file ${localFile} does not exist`]);
  }
  if (existsSync(localFile)) tree = merge(tree, readYaml(localFile));

  const problems: string[] = [];
  for (const [name, raw] of Object.entries(env)) {
    if (raw === undefined) continue;
    const path = NAMED_ENV[name] ?? (name.startsWith('LUOSHI__') ? genericEnvPath(name) : null);
    if (name.startsWith('LUOSHI__') && !path) {
      problems.push(`${name}: no such setting; names look like LUOSHI__COMMITTEE__TIMEZONE`);
      continue;
    }
    if (path) setPath(tree, path, raw);
  }
  for (const [path, value] of Object.entries(options.overrides ?? {})) setPath(tree, path, value);

  const unknown: string[] = [];
  const { now: _ignored, ...fileTree } = tree;
  const validated = validate(CONFIG_SCHEMA, fileTree, '', problems, unknown) as Omit<AppConfig, 'now'>;
  for (const key of unknown) problems.push(`${key}: unknown setting (misspelt?)`);

  const now = env.LUOSHI_NOW?.trim() || null;
  if (now !== null) {
    // The same parser the clock uses: a value without a zone would mean different instants on different hosts.
    try {
      parseInstant(now);
    } catch {
      problems.push(`LUOSHI_NOW: value ${JSON.stringify(now)} is not allowed; allowed: an ISO 8601 instant with Z or an offset, such as 2024-01-10T09:00:00+08:00`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { ...validated, now };
}

/** The Office-file limits of the configuration in the form src/common/office takes. */
export function officeLimits(config: Pick<AppConfig, 'limits'>): import('../common/office/office-parse.js').OfficeLimits {
  const o = config.limits.office;
  const MB = 1024 * 1024;
  return {
    maxTotalBytes: o.maxTotalMegabytes * MB, maxEntryBytes: o.maxEntryMegabytes * MB, maxRatio: o.maxRatio, maxEntries: o.maxEntries,
    maxDepth: o.maxDepth, maxXmlDepth: o.maxXmlDepth, workerHeapMegabytes: o.parserHeapMegabytes, timeoutSeconds: o.parserTimeoutSeconds,
  };
}
