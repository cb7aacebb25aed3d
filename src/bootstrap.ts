import { NestFactory, Reflector } from '@nestjs/core';
import type { INestApplication, INestApplicationContext, LoggerService } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from './config/app-config.js';
import { AppModule } from './app.module.js';
import { createValidationPipe } from './common/validation/validation.pipe.js';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter.js';
import { webAppMiddleware } from './web/serve-web-app.js';
import { runWithRequestContext } from './access/request-context.js';
import { localeFromAcceptLanguage } from './common/i18n/locale.js';
import { answerKeptReadsFirst, ReadCacheStore } from './access/read-cache.js';
import type { Server } from 'node:http';
import { ContentTypeGuard } from './common/http/content-type.guard.js';
import { securityHeaders } from './common/http/security.js';
import { acquireSqliteInstanceLock } from './database/sqlite-instance-lock.js';

/** Everything an HTTP app needs beyond its modules; tests build the app through this too. */
export function configureHttpApp(app: INestApplication): void {
  (app as NestExpressApplication).disable('x-powered-by');
  // A browser session's repeated list request, answered before express while nothing changed (access/read-cache.ts).
  answerKeptReadsFirst(app.getHttpServer() as Server, app.get(ReadCacheStore));
  app.use(securityHeaders());
  app.setGlobalPrefix('api');
  // The web app: every GET outside /api (files, and index.html for the app's own paths).
  app.use(webAppMiddleware());
  // Every request runs in its own context: the access guard puts the actor there, the audit
  // trail and messages read it without being handed it.
  app.use(
    (req: { ip?: string; headers: Record<string, string | string[] | undefined> }, _res: unknown, next: () => void) => {
      runWithRequestContext(
        { address: req.ip ?? null, locale: localeFromAcceptLanguage(req.headers['accept-language']) },
        next,
      );
    },
  );
  // Writes take JSON, or multipart where a route takes a file: no cross-site form posts.
  app.useGlobalGuards(new ContentTypeGuard(app.get(Reflector)));
  app.useGlobalPipes(createValidationPipe());
  // Also covers errors thrown before routing (malformed JSON, oversized bodies).
  app.useGlobalFilters(new AllExceptionsFilter());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Luoshi 落实 API')
      .setDescription(
        'Plans, member units, duties and supervision of a Working Committee on Women and Children (妇儿工委).',
      )
      .setVersion('0.1.0')
      .addCookieAuth('luoshi_session')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'a personal API token (lsk_…)' })
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}

export async function createHttpApp(
  config: AppConfig,
  logger: LoggerService | false = false,
): Promise<NestExpressApplication> {
  // One service per SQLite file; taken before anything opens the database.
  const lock = acquireSqliteInstanceLock(config.database);
  let app: NestExpressApplication;
  try {
    app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
      logger,
      bodyParser: false,
      abortOnError: false,
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  if (lock) {
    // The class's own close (the proxy's would call this one again); defineProperty because
    // Nest's application proxy ignores plain assignment.
    const close = (Object.getPrototypeOf(app) as NestExpressApplication).close.bind(app);
    Object.defineProperty(app, 'close', {
      configurable: true,
      value: async (...args: Parameters<typeof close>) => {
        try {
          await close(...args);
        } finally {
          lock.release();
        }
      },
    });
  }
  // Plans arrive as JSON trees of a few hundred KB; uploads go through their own limits.
  // No urlencoded parser: no route takes form posts (ContentTypeGuard refuses them).
  app.useBodyParser('json', { limit: '5mb' });
  configureHttpApp(app);
  app.enableShutdownHooks();
  return app;
}

export async function createCliContext(
  config: AppConfig,
  logger: LoggerService | false = false,
): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(AppModule.forRoot(config), { logger, abortOnError: false });
}
