import type { INestApplication } from '@nestjs/common';
import { assignRequestId, deferRequestBindings } from '@app/config';
import { PinoLogger } from 'nestjs-pino';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { JSON_BODY_LIMIT } from './problem';
import { ProblemFilter } from './problem.filter';
import { jsonBodiesOnly, noStoreForApi } from './security.middleware';
import { createValidationPipe } from './validation';
import { getAuthenticated } from '../auth/auth.decorators';
import { SecurityLog } from '@app/api-state';
import { rejectDeepBodies, rejectPrototypeKeys } from './body-depth';

/**
 * What the HTTP edge needs beyond its module, applied to the app before `init()`/`listen()`
 * (middleware registers in call order, ahead of the routes):
 * - a request id (X-Request-Id, accepted or made, answered back);
 * - security headers on every answer, refusals included (Nest 12's built-in helmet
 *   equivalent: X-Content-Type-Options nosniff, X-Frame-Options DENY, Referrer-Policy
 *   no-referrer, a CSP…), and `Cache-Control: no-store` under /api;
 * - JSON bodies only under /api (415 otherwise), at most 64 kB (400 HTTP.PAYLOAD_TOO_LARGE, as the contract says);
 * - the global validation pipe and problem+json filter.
 *
 * Works with the default `NestFactory.create(AppModule)`: the parsers registered here are
 * named like Nest's own (`jsonParser`, `urlencodedParser`), so `init()` does not add its
 * 100 kB defaults. `{ bodyParser: false }` works as well.
 */
export function configureApp(app: INestApplication): INestApplication {
  // Protections below match paths by prefix: they hold only if routing does too.
  const routing = (app as NestExpressApplication).getHttpAdapter() as {
    getRouteMatchingOptions?: () => { caseSensitive: boolean };
  };
  if (routing.getRouteMatchingOptions?.().caseSensitive !== true) {
    throw new Error(
      'Create the API with createHttpAdapter() (http/http-adapter.ts): routing must be case-sensitive',
    );
  }
  // First: every later step (access log, refusals, recorded events) knows the request's id.
  app.use(assignRequestId);
  // The logger module built its root logger with the app; pino-http's per-request child
  // is made only when a line is written (LOG_LEVEL warn or error).
  if (PinoLogger.root) deferRequestBindings(PinoLogger.root);
  app.useSecurityHeaders({
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    contentSecurityPolicy: {
      directives: {
        // Framed by nobody, as X-Frame-Options says.
        frameAncestors: ["'none'"],
        // The dashboard's one stylesheet and fonts are its own: no inline or remote styles.
        styleSrc: ["'self'"],
        fontSrc: ["'self'"],
        // Served over plain HTTP on district networks: upgrading would break the dashboard.
        upgradeInsecureRequests: null,
      },
    },
  });
  app.use(noStoreForApi);
  app.use(jsonBodiesOnly);
  const express = app as NestExpressApplication;
  express.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  express.useBodyParser('urlencoded', { limit: JSON_BODY_LIMIT, extended: true });
  app.use(rejectDeepBodies);
  app.use(rejectPrototypeKeys);
  app.useGlobalPipes(createValidationPipe());
  const securityLog = app.get(SecurityLog, { strict: false });
  app.useGlobalFilters(
    new ProblemFilter(async (req, problem) => {
      const user = getAuthenticated(req);
      await securityLog.record({
        at: new Date().toISOString(),
        userId: user?.actor.userId ?? null,
        role: user?.actor.role ?? null,
        method: req.method,
        path: req.originalUrl,
        status: problem.status,
        code: problem.code,
        reason: problem.detail ?? problem.code,
        ip: req.ip ?? null,
      });
    }),
  );
  return app;
}
