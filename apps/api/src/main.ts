import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit } from '@app/config';
import { AppModule } from './app.module';
import { configureApp } from './http';
import { setupOpenApi } from './http/openapi';
import { ExampleLoader } from './example/example-loader';

async function bootstrap(): Promise<void> {
  // A bad variable: one line naming it in both languages, exit 1, before anything starts.
  const config = loadConfigOrExit();
  const app = await NestFactory.create(AppModule);
  configureApp(app);
  setupOpenApi(app);
  app.enableShutdownHooks();
  const port = config.port;
  await app.listen(port);
  // After listen: liveness answers at once, readiness only once the example is loaded.
  await app.get(ExampleLoader).run();
  console.log(
    `Ngân sách CTMTQG — API đang chạy / API running: http://localhost:${port} (health: /health, OpenAPI: /docs)`,
  );
  console.log(
    'Mã truy cập / a token: npx budget users token lu-dinh-tich   (hoặc / or: npx budget users add "Họ tên" --role auditor)',
  );
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
