/**
 * A server for the HTTP benchmark, in a process of its own, on 127.0.0.1 and a free
 * port: either the real API (AppModule with configureApp, as `npm start` builds it, on a
 * prepared data folder) or a bare Nest app with one POST route that does nothing. With
 * `split`, the API runs as a replica of a scaled-out deployment does (BUDGET_PROJECTIONS=off,
 * BUDGET_FOLLOW_UPS=off: the projector process would run those; docs/deployment.md).
 * Replies `{ port, token }` once listening; exits when the parent disconnects.
 */
import 'reflect-metadata';
import { Controller, HttpCode, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { AppModule } from '@app/api';
import { CredentialStore } from '@app/api-state';
import { configureApp } from '@app/api';
import { createHttpAdapter } from '@app/api';

export interface HttpServerConfig {
  readonly kind: 'app' | 'bare';
  readonly dataDir?: string;
  /** The API without the projection runner and follow-ups in its process (kind `app`). */
  readonly split?: boolean;
}

export interface HttpServerReady {
  readonly port: number;
  readonly token: string | null;
}

@Controller('bare')
class BareController {
  @Post(':id/approve')
  @HttpCode(200)
  approve(@Param('id') id: string): { id: string; position: string } {
    return { id, position: '1' };
  }
}

@Module({ controllers: [BareController] })
class BareModule {}

async function start(
  config: HttpServerConfig,
): Promise<{ app: INestApplication; token: string | null }> {
  if (config.kind === 'bare') {
    return { app: await NestFactory.create(BareModule, { logger: false }), token: null };
  }
  if (!config.dataDir) throw new Error('the app needs a data folder');
  Object.assign(process.env, {
    BUDGET_DATA_DIR: config.dataDir,
    EVENT_STORE: 'sqlite',
    READ_STORE: 'sqlite',
    // The benchmark is one client sending as fast as it can: the per-client write limit
    // (600 a minute by default) would measure the limiter, not the path.
    BUDGET_RATE_LIMIT_PER_MINUTE: '0',
    BUDGET_ADDRESS_LIMIT_PER_MINUTE: '0',
    // Errors only: one access-log line per request would measure the log pipe, not the path.
    LOG_LEVEL: 'error',
    // Set either way, so that neither variant inherits the other's from the environment.
    BUDGET_PROJECTIONS: config.split ? 'off' : 'on',
    BUDGET_FOLLOW_UPS: config.split ? 'off' : 'on',
  });
  const app = configureApp(
    await NestFactory.create(AppModule, createHttpAdapter(), { logger: false }),
  );
  const credentials = app.get(CredentialStore);
  credentials.upsertUser({
    id: 'bench-approver',
    name: 'Lữ Đình Tích',
    role: 'approver',
    unit: null,
    authority: {
      capacity: 'KT. Chủ tịch',
      title: 'Phó Chủ tịch',
      programParts: [],
      units: [],
      validFrom: null,
      validTo: null,
    },
  });
  return { app, token: credentials.issueToken('bench-approver') };
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '{}') as HttpServerConfig;
  const { app, token } = await start(config);
  await app.listen(0, '127.0.0.1');
  const server = app.getHttpServer() as { address(): AddressInfo };
  const address = server.address();
  process.send?.({ port: address.port, token } satisfies HttpServerReady);
  process.once('disconnect', () => {
    void app.close().finally(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
