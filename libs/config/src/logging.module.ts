import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LoggerService } from '@nestjs/common';
import { LoggerModule, type Params } from 'nestjs-pino';
import { stdTimeFunctions } from 'pino';
import type { BudgetConfig } from './budget-config';
import { BUDGET_CONFIG, BudgetConfigModule } from './config.module';

type Req = IncomingMessage & { id?: unknown; originalUrl?: string };

/** `auto`: pretty for a person at a terminal, one JSON object a line for everything else. */
export function logFormat(config: BudgetConfig): 'json' | 'pretty' {
  if (config.log.format !== 'auto') return config.log.format;
  return process.stdout.isTTY ? 'pretty' : 'json';
}

/** Health probes every few seconds would drown the access log. */
function isProbe(req: Req): boolean {
  return (req.originalUrl ?? req.url ?? '').startsWith('/health');
}

/**
 * nestjs-pino's settings: structured logs with the request id on every line of a request
 * and one access line per answer (method, path, status, duration in ms). Never a header
 * (tokens, cookies) nor a body: the serializers keep only what is listed here.
 */
export function loggingParams(config: BudgetConfig): Params {
  const pretty = logFormat(config) === 'pretty';
  return {
    pinoHttp: {
      level: config.log.level,
      timestamp: stdTimeFunctions.isoTime,
      ...(pretty
        ? {
            transport: {
              target: 'pino-pretty',
              options: {
                colorize: true,
                singleLine: true,
                translateTime: 'SYS:HH:MM:ss.l',
                ignore: 'pid,hostname,req,res,context,responseTime',
                messageFormat: '{if context}[{context}] {end}{msg}',
              },
            },
          }
        : {}),
      // The id the request-id middleware gave (the caller's, or a fresh UUID).
      genReqId: (req: Req) => (typeof req.id === 'string' ? req.id : ''),
      autoLogging: { ignore: (req: Req) => isProbe(req) },
      customLogLevel: (_req: Req, res: ServerResponse, error?: Error) =>
        error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      customSuccessMessage: (req: Req, res: ServerResponse, responseTime: number) =>
        `${req.method} ${req.originalUrl ?? req.url} ${res.statusCode} ${Math.round(responseTime)} ms`,
      customErrorMessage: (req: Req, res: ServerResponse) =>
        `${req.method} ${req.originalUrl ?? req.url} ${res.statusCode} failed`,
      serializers: {
        req: (req: Req & { remoteAddress?: string }) => ({
          id: req.id,
          method: req.method,
          url: req.originalUrl ?? req.url,
          remoteAddress: req.remoteAddress,
        }),
        res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
      },
      // Belt and braces: whatever a later change logs, these never reach a log line.
      redact: { paths: ['req.headers', 'res.headers', 'req.body', 'body'], remove: true },
    },
  };
}

/** The structured logger of the API and the projector, configured from BudgetConfig. */
export const LoggingModule = LoggerModule.forRootAsync({
  imports: [BudgetConfigModule],
  inject: [BUDGET_CONFIG],
  useFactory: (config: BudgetConfig) => loggingParams(config),
});

/** Contexts whose start-up chatter (every module, every route mapped) is debug, not info. */
const ROUTINE = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/** Wraps the app's logger so that Nest's route-mapping lines are debug-level. */
export function quietRoutine(logger: LoggerService): LoggerService {
  const demoted = (message: unknown, ...rest: unknown[]): void => {
    const context = rest.at(-1);
    if (typeof context === 'string' && ROUTINE.has(context)) logger.debug?.(message, ...rest);
    else logger.log(message, ...rest);
  };
  return {
    log: demoted,
    error: (message: unknown, ...rest: unknown[]) => void logger.error(message, ...rest),
    warn: (message: unknown, ...rest: unknown[]) => void logger.warn(message, ...rest),
    debug: (message: unknown, ...rest: unknown[]) => void logger.debug?.(message, ...rest),
    verbose: (message: unknown, ...rest: unknown[]) => void logger.verbose?.(message, ...rest),
    fatal: (message: unknown, ...rest: unknown[]) => void logger.fatal?.(message, ...rest),
  };
}
