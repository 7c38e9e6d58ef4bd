import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';

/** A start that cannot go on, said in one line a person can act on (no stack trace). */
export class StartupError extends Error {}

/**
 * Listens on PORT and returns the port actually bound: with PORT=0 the system picks a free
 * one, and the start-up line prints it, so a supervisor (or a test) never has to guess a
 * free port and race another process for it. A port already taken ends the start with one
 * bilingual line instead of a stack trace.
 */
export async function listenOn(app: INestApplication, port: number): Promise<number> {
  try {
    await app.listen(port);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new StartupError(
        `Cổng ${port} đang được một chương trình khác dùng; đặt PORT khác (hoặc PORT=0) / Port ${port} is already in use by another program; set another PORT (or PORT=0)`,
      );
    }
    throw error;
  }
  const address = (app.getHttpServer() as { address(): AddressInfo | string | null }).address();
  return typeof address === 'object' && address !== null ? address.port : port;
}
