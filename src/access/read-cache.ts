import {
  Inject,
  Injectable,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { map, of, type Observable } from 'rxjs';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { CLOCK, type Clock } from '../common/time/clock.js';
import { currentRequestContext } from './request-context.js';
import { localeFromAcceptLanguage } from '../common/i18n/locale.js';
import { dataVersion } from '../database/data-version.js';
import { readCookie } from './access.guard.js';
import { SESSION_COOKIE, type Authenticated } from '../accounts/auth.service.js';
import { hashSecret } from '../accounts/domain/secrets.js';

const MAX_ENTRIES = 100;
const JSON_TYPE = 'application/json; charset=utf-8';

interface Entry {
  version: string;
  at: number;
  json: string;
  /** The same answer as bytes, for the session fast path (encoded once, not per request). */
  bytes: Buffer;
  /** The ETag express would compute for these bytes (computed once: hashing 50 KB per request shows). */
  etag: string | null;
}

/** An answer a session may be given again before routing, and until when its session holds. */
interface SessionEntry {
  entry: Entry;
  headers: [string, string | number | string[]][];
  sessionExpiresAt: number;
}

type EtagFn = (body: Buffer, encoding: string) => string | undefined;

/**
 * The answers of the read-only lists (tasks, dashboard, plan tree) kept for reuse: for the same
 * caller, language and URL while the database is unchanged (dataVersion), for at most
 * server.readCacheMs by the injected clock (answers hold days left and traffic lights, which move
 * with the clock). Nothing is kept where the database has no change counter (MySQL/MariaDB).
 *
 * Two ways in. ReadCacheInterceptor (on the routes marked @CachedRead) runs after the access guard
 * and fills the store. For a browser session the same answer is also given by `answer`, in front
 * of express on the HTTP server (answerKeptReadsFirst): only to the very session (cookie) the guard
 * let through for this URL and language, with the headers that answer had, while nothing was
 * written — so a logout, a disabled user, a changed role or a password change (all writes) end it
 * at once — and while the session has not expired. API tokens always pass the guard (their use is
 * recorded).
 */
@Injectable()
export class ReadCacheStore {
  private readonly entries = new Map<string, Entry>();
  private readonly sessions = new Map<string, SessionEntry>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The database's version now, or null when nothing may be cached. */
  version(): string | null {
    return this.config.server.readCacheMs > 0 ? dataVersion(this.dataSource) : null;
  }

  now(): number {
    return this.clock.now().getTime();
  }

  /** The kept answer for `key`, when still exact at `version` and fresh at `now`. */
  get(key: string, version: string, now: number): Entry | undefined {
    const hit = this.entries.get(key);
    return hit && this.fresh(hit, version, now) ? hit : undefined;
  }

  put(key: string, entry: Entry): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, entry);
  }

  /**
   * Lets this session have `entry` again before routing (see the class comment), with the headers
   * the response carries now: those the middlewares set (security headers), the type and the ETag.
   */
  rememberForSession(auth: Authenticated | null | undefined, req: Request, res: Response, entry: Entry): void {
    if (!auth?.session || req.method !== 'GET') return;
    if (this.sessions.size >= MAX_ENTRIES) this.sessions.clear();
    const headers = Object.entries(res.getHeaders()).filter(
      (h): h is [string, string | number | string[]] =>
        h[1] !== undefined && h[0] !== 'content-length' && h[0] !== 'set-cookie',
    );
    this.sessions.set(sessionKey(auth.session.idHash, req.headers['accept-language'], req.originalUrl), {
      entry,
      headers,
      sessionExpiresAt: auth.session.expiresAt.getTime(),
    });
  }

  /**
   * Answers a session's repeated list request from the store, before express and Nest see it;
   * false when it cannot (the request then takes the normal way). Same status, headers and bytes.
   */
  answer(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'GET' || this.sessions.size === 0 || req.headers.authorization) return false;
    const secret = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (!secret) return false;
    const key = sessionKey(hashSecret(secret), req.headers['accept-language'], req.url ?? '');
    const kept = this.sessions.get(key);
    if (!kept) return false;
    const version = this.version();
    const now = this.now();
    if (version === null || now >= kept.sessionExpiresAt || !this.fresh(kept.entry, version, now)) {
      this.sessions.delete(key);
      return false;
    }
    const { entry } = kept;
    for (const [name, value] of kept.headers) res.setHeader(name, value);
    // As express's res.send: a matching If-None-Match gets 304 without the body.
    if (entry.etag && etagMatches(req.headers, entry.etag)) {
      res.statusCode = 304;
      res.end();
      return true;
    }
    res.statusCode = 200;
    res.setHeader('Content-Length', entry.bytes.length);
    res.end(entry.bytes);
    return true;
  }

  private fresh(entry: Entry, version: string, now: number): boolean {
    return entry.version === version && now >= entry.at && now - entry.at < this.config.server.readCacheMs;
  }
}

function sessionKey(sessionHash: string, acceptLanguage: string | string[] | undefined, url: string): string {
  return `${sessionHash}\n${localeFromAcceptLanguage(acceptLanguage)}\n${url}`;
}

/**
 * Whether the client's copy is current (a 304 answers), as express's `fresh` decides for GET:
 * If-None-Match against the ETag, weak comparison, a list of tags or `*`; never under
 * `Cache-Control: no-cache`.
 */
export function etagMatches(headers: IncomingMessage['headers'], etag: string): boolean {
  const ifNoneMatch = headers['if-none-match'];
  if (!ifNoneMatch || /(?:^|,)\s*no-cache\s*(?:,|$)/.test(headers['cache-control'] ?? '')) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => bare(tag) === bare(etag));
}

/**
 * Puts ReadCacheStore.answer in front of the app on its HTTP server: a kept answer goes out before
 * express and Nest run (most of the time a list takes), everything else goes on to the app.
 */
export function answerKeptReadsFirst(server: Server, store: ReadCacheStore): void {
  const app = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    let answered = false;
    try {
      answered = store.answer(req, res);
    } catch {
      // Whatever it could not read (a malformed cookie, say) the full way answers, with its errors.
    }
    if (!answered) for (const listener of app) listener.call(server, req, res);
  });
}

/** Reuses a kept answer after the access guard, and keeps new ones (see ReadCacheStore). */
@Injectable()
export class ReadCacheInterceptor implements NestInterceptor {
  constructor(private readonly store: ReadCacheStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    // Read before the handler runs: a write during it leaves the entry stale at once.
    const version = this.store.version();
    const ctx = currentRequestContext();
    if (version === null || !ctx?.actor) return next.handle();
    const http = context.switchToHttp();
    const req = http.getRequest<Request & { luoshiAuth?: Authenticated | null }>();
    const res = http.getResponse<Response>();
    const key = JSON.stringify([ctx.actor, ctx.locale ?? null, req.method, req.originalUrl]);
    const now = this.store.now();
    const send = (entry: Entry): string => {
      res.setHeader('Content-Type', JSON_TYPE);
      if (entry.etag) res.setHeader('ETag', entry.etag);
      this.store.rememberForSession(req.luoshiAuth, req, res, entry);
      return entry.json;
    };
    const hit = this.store.get(key, version, now);
    if (hit) return of(send(hit));
    return next.handle().pipe(
      map((value: unknown) => {
        // As express's res.json (no replacer, no spaces are configured), so every path sends the same bytes.
        const json = JSON.stringify(value);
        const bytes = Buffer.from(json, 'utf8');
        const etagFn = req.app.get('etag fn') as EtagFn | undefined;
        const entry = {
          version,
          at: now,
          json,
          bytes,
          etag: typeof etagFn === 'function' ? (etagFn(bytes, 'utf8') ?? null) : null,
        };
        this.store.put(key, entry);
        return send(entry);
      }),
    );
  }
}

/** Marks a read-only GET whose answer ReadCacheInterceptor may reuse. */
export const CachedRead = (): MethodDecorator & ClassDecorator => UseInterceptors(ReadCacheInterceptor);
