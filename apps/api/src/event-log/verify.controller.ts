import { Controller, Get, Inject } from '@nestjs/common';
import { EVENT_STORE, verifyLog, type EventStore } from '@app/event-store';
import { Roles } from '../auth';

/** The integrity check of the whole log, for auditors and administrators. */
@Controller('api/v1/audit')
export class VerifyController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get('verify')
  @Roles('auditor', 'admin')
  async verify(): Promise<object> {
    const result = await verifyLog(this.store);
    return {
      ok: result.ok,
      eventsChecked: result.eventsChecked,
      lastPosition: result.lastPosition?.toString() ?? null,
      ...(result.firstBroken
        ? {
            firstBroken: {
              ...result.firstBroken,
              position: result.firstBroken.position.toString(),
              revision: result.firstBroken.revision?.toString(),
            },
          }
        : {}),
    };
  }
}
