import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { Public } from '../auth';
import { Readiness } from './readiness';

/**
 * Health the Kubernetes/compose way, without a token:
 * - `/health/live`: the process answers (restart it when this fails);
 * - `/health/ready`, and `/health` as before: it can answer truthfully now — the event log
 *   and the read store reachable, the example loaded, the read models within the lag
 *   bound (caught up once after the start), the follow-up processes running. 503 otherwise,
 *   naming what is not ready and why.
 */
@Public()
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly readiness: Readiness,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness (same as /health/ready)' })
  check(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    return this.ready(res);
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: the API can answer truthfully now' })
  ready(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    return answer(res, () =>
      this.health.check([
        () => this.readiness.eventLog(),
        () => this.readiness.readStore(),
        () => this.readiness.example(),
        () => this.readiness.readModels(),
        () => this.readiness.followUpProcesses(),
      ]),
    );
  }

  @Get('live')
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @ApiResponse({ status: 200, description: 'alive' })
  live(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    return answer(res, () => this.health.check([]));
  }
}

/**
 * A failed check is an answer, not an error: 503 with Terminus's body (which check is
 * down and why), not a problem document, and nothing in the error log or security log.
 */
async function answer(
  res: Response,
  check: () => Promise<HealthCheckResult>,
): Promise<HealthCheckResult> {
  try {
    return await check();
  } catch (error) {
    if (!(error instanceof ServiceUnavailableException)) throw error;
    res.status(503);
    return error.getResponse() as HealthCheckResult;
  }
}
