import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { Public } from '../auth';

/** Green only when the event log answers: a ledger that cannot read its log is down. */
@Public()
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  async check(@Res() res: Response): Promise<void> {
    try {
      const head = await this.store.headPosition();
      res
        .status(HttpStatus.OK)
        .json({ status: 'ok', eventLog: { status: 'up', headPosition: head?.toString() ?? null } });
    } catch (error) {
      res.status(HttpStatus.SERVICE_UNAVAILABLE).json({
        status: 'error',
        eventLog: { status: 'down', error: error instanceof Error ? error.message : String(error) },
      });
    }
  }
}
