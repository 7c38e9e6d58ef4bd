import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pinoHttp } from 'pino-http';
import { deferRequestBindings } from './deferred-request-logger';

interface Logged {
  readonly level: number;
  readonly msg: string;
  readonly req?: { method?: string; url?: string; remoteAddress?: string };
}

/** A server whose every request goes through pino-http at `level`, answering `status`. */
async function serve(level: string, status: number, logDuring?: string) {
  const lines: Logged[] = [];
  let serialized = 0;
  const middleware = pinoHttp(
    {
      level,
      customLogLevel: (_req, res, error) =>
        error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      serializers: {
        req: (req: { method: string; url: string; remoteAddress?: string }) => {
          serialized++;
          return { method: req.method, url: req.url, remoteAddress: req.remoteAddress };
        },
      },
    },
    { write: (line: string) => void lines.push(JSON.parse(line) as Logged) },
  );
  deferRequestBindings(middleware.logger);
  const server = createServer((req: IncomingMessage, res: ServerResponse) =>
    middleware(req, res, () => {
      if (logDuring) req.log.error(logDuring);
      res.statusCode = status;
      res.end('{}');
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    lines,
    serialized: () => serialized,
    middleware,
    get: async (path: string) => {
      await (await fetch(`http://127.0.0.1:${port}${path}`)).text();
      // pino-http writes the access line on 'finish', after the answer left.
      await new Promise((resolve) => setTimeout(resolve, 20));
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe('request loggers made when a line is written', () => {
  it('at LOG_LEVEL=error, a success writes nothing and serializes no request', async () => {
    const server = await serve('error', 200);
    await server.get('/api/v1/ok');
    await server.get('/api/v1/ok');
    await server.close();
    expect(server.lines).toEqual([]);
    expect(server.serialized()).toBe(0);
  });

  it("at LOG_LEVEL=error, a 5xx access line still carries the request's fields", async () => {
    const server = await serve('error', 503);
    await server.get('/api/v1/down?x=1');
    await server.close();
    expect(server.lines).toHaveLength(1);
    expect(server.lines[0]).toMatchObject({
      level: 50,
      req: { method: 'GET', url: '/api/v1/down?x=1', remoteAddress: '127.0.0.1' },
    });
  });

  it('an error logged during the request carries them too, once per request', async () => {
    const server = await serve('error', 500, 'the handler failed');
    await server.get('/api/v1/fails');
    await server.close();
    expect(server.lines.map((l) => [l.msg, l.req?.url])).toEqual([
      ['the handler failed', '/api/v1/fails'],
      ['request errored', '/api/v1/fails'],
    ]);
    expect(server.serialized()).toBe(1);
  });

  it('at LOG_LEVEL=info nothing changes: every success has its access line', async () => {
    const server = await serve('info', 200);
    expect(Object.hasOwn(server.middleware.logger, 'child')).toBe(false);
    await server.get('/api/v1/ok');
    await server.close();
    expect(server.lines).toEqual([
      expect.objectContaining({ level: 30, req: expect.objectContaining({ url: '/api/v1/ok' }) }),
    ]);
  });
});
