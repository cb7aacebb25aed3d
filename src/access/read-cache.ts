import {
  Inject,
  Injectable,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { map, of, type Observable } from 'rxjs';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { CLOCK, type Clock } from '../common/time/clock.js';
import { currentRequestContext } from './request-context.js';
import { dataVersion } from '../database/data-version.js';

const MAX_ENTRIES = 100;
const JSON_TYPE = 'application/json; charset=utf-8';

interface Entry {
  version: string;
  at: number;
  json: string;
  /** The ETag express would compute for these bytes (computed once: hashing 50 KB per request shows). */
  etag: string | null;
}

type EtagFn = (body: Buffer, encoding: string) => string | undefined;

/**
 * Reuses the answer of a read-only list (tasks, dashboard, plan tree) for the same caller, language
 * and URL while the database is unchanged (dataVersion), for at most server.readCacheMs by the
 * injected clock (answers hold days left and traffic lights, which move with the clock). The
 * answer is kept as its JSON text, the bytes express would send for the object. Nothing is cached
 * where the database has no change counter (MySQL/MariaDB). Only successful answers are kept; the
 * access guard runs before this on every request.
 */
@Injectable()
export class ReadCacheInterceptor implements NestInterceptor {
  private readonly entries = new Map<string, Entry>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const ttl = this.config.server.readCacheMs;
    // Read before the handler runs: a write during it leaves the entry stale at once.
    const version = ttl > 0 ? dataVersion(this.dataSource) : null;
    const ctx = currentRequestContext();
    if (version === null || !ctx?.actor) return next.handle();
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const key = JSON.stringify([ctx.actor, ctx.locale ?? null, req.method, req.originalUrl]);
    const now = this.clock.now().getTime();
    const hit = this.entries.get(key);
    const send = (entry: Entry): string => {
      res.setHeader('Content-Type', JSON_TYPE);
      if (entry.etag) res.setHeader('ETag', entry.etag);
      return entry.json;
    };
    if (hit && hit.version === version && now >= hit.at && now - hit.at < ttl) return of(send(hit));
    return next.handle().pipe(
      map((value: unknown) => {
        // As express's res.json (no replacer, no spaces are configured), so both paths send the same bytes.
        const json = JSON.stringify(value);
        const etagFn = req.app.get('etag fn') as EtagFn | undefined;
        const entry = {
          version,
          at: now,
          json,
          etag: typeof etagFn === 'function' ? (etagFn(Buffer.from(json, 'utf8'), 'utf8') ?? null) : null,
        };
        if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
        this.entries.set(key, entry);
        return send(entry);
      }),
    );
  }
}

/** Marks a read-only GET whose answer ReadCacheInterceptor may reuse. */
export const CachedRead = (): MethodDecorator & ClassDecorator => UseInterceptors(ReadCacheInterceptor);
