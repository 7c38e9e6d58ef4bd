import 'reflect-metadata';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadConfigOrExit, quietRoutine } from '@app/config';
import { AppModule } from './app.module';
import { configureApp } from './http';
import { StartupError, listenOn } from './http/listen';
import { createHttpAdapter } from './http/http-adapter';
import { setupOpenApi } from './openapi/openapi';
import { ExampleLoader } from './example/example-loader';

async function bootstrap(): Promise<void> {
  // A bad variable: one line naming it in both languages, exit 1, before anything starts.
  const config = loadConfigOrExit();
  const app = await NestFactory.create(AppModule, createHttpAdapter(config.trustProxy), {
    bufferLogs: true,
  });
  // Structured logs (JSON, or pretty on a terminal: LOG_FORMAT); route mapping at debug.
  app.useLogger(quietRoutine(app.get(Logger)));
  configureApp(app);
  await setupOpenApi(app);
  app.enableShutdownHooks();
  const port = await listenOn(app, config.port);
  const logger = new NestLogger('Main');
  logger.log(
    `Ngân sách CTMTQG — API đang nghe / API listening: http://localhost:${port} (live: /health/live, ready: /health, OpenAPI: /docs)`,
  );
  // After listen: liveness answers at once, readiness only once the example is loaded.
  await app.get(ExampleLoader).run();
  logger.log(
    `Ngân sách CTMTQG — API đang chạy / API running: http://localhost:${port} (health: /health, OpenAPI: /docs)`,
  );
  logger.log(
    'Mã truy cập / a token: npx budget users token lu-dinh-tich   (hoặc / or: npx budget users add "Họ tên" --role auditor)',
  );
}

bootstrap().catch((error: unknown) => {
  if (error instanceof StartupError) process.stderr.write(`${error.message}\n`);
  else console.error(error);
  process.exit(1);
});
