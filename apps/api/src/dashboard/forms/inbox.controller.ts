import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../auth';
import { DashboardErrorFilter } from '../dashboard-error.filter';
import { sendHtml } from '../send-html';
import { page } from '../views/layout.view';
import { FormGate } from './form-gate';
import { Inbox } from './inbox';
import { inboxBody } from './inbox.view';

/** What waits for the signed-in user (forms/inbox.ts says what, by role). */
@ApiExcludeController()
@Public()
@UseFilters(DashboardErrorFilter)
@Controller('inbox')
export class InboxController {
  constructor(
    private readonly gate: FormGate,
    private readonly inbox: Inbox,
  ) {}

  @Get()
  async inboxPage(@Req() req: Request, @Res() res: Response): Promise<void> {
    const visitor = await this.gate.visit(req, res);
    if (!visitor) return;
    const { state, user } = visitor;
    const items = await this.inbox.items(user, state.year);
    sendHtml(
      res,
      200,
      page({
        title: state.lang === 'vi' ? 'Việc cần làm' : 'Inbox',
        section: 'inbox',
        path: '/inbox',
        state,
        user: user.actor,
        timeControl: false,
        inboxCount: items.filter((i) => i.reason !== 'own').length,
        body: inboxBody(items, state),
      }),
    );
  }
}
