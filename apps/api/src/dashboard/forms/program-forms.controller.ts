import { Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { LedgerClock } from '@app/application';
import {
  budgetLineStreamId,
  JOINT_WORK_POLICIES,
  jointTripStreamId,
  leadAgencyStreamId,
  parseBudgetLineId,
} from '@app/budgeting';
import { Public } from '../../auth';
import { DashboardErrorFilter } from '../dashboard-error.filter';
import { money } from '../format';
import { href, queryString } from '../page-state';
import { DefPages, refusedOf, type Refused } from './def-page';
import type { FormDef } from './form-def';
import { FormGate, type FormVisitor } from './form-gate';
import { dateInputValue } from './form-infra';
import { FormReads } from './form-reads';
import { sendNotFound } from './not-found';
import { classifyLineDef, DESIGNATE_LEAD, RECORD_TRIP, tripBody } from './reference.forms';
import { classificationDone, leadPeriods, tripDone } from './program.view';
import { StreamReads } from './stream-reads';

const YEAR = /^\d{4}$/;
const TRIP_ID = /^[A-Za-z0-9_-]{2,60}$/;

/** A line id the ledger could hold (the API checks the rest). */
function isLineId(id: string): boolean {
  try {
    parseBudgetLineId(id);
    return true;
  } catch {
    return false;
  }
}

/**
 * The program-wide records other writes rest on: a line's budget classification (mục lục
 * NSNN), the year's lead agency, and joint teams' trips. Each posts through the
 * FormBridge to the API's own route (POST /api/v1/budget-lines/{id}/classification,
 * /fiscal-years/{y}/lead-agency, /joint-trips); the API's roles and `authorize` decide.
 */
@ApiExcludeController()
@Public()
@UseFilters(DashboardErrorFilter)
@Controller()
export class ProgramFormsController {
  constructor(
    private readonly gate: FormGate,
    private readonly pages: DefPages,
    private readonly reads: FormReads,
    private readonly streams: StreamReads,
    private readonly clock: LedgerClock,
  ) {}

  @Get('classifications/new')
  async classifyPage(@Req() req: Request, @Res() res: Response): Promise<void> {
    const visitor = await this.gate.visit(req, res);
    if (visitor) await this.classification(res, visitor, 200, queryString(req, 'line'));
  }

  @Post('classifications/new')
  async classify(@Req() req: Request, @Res() res: Response): Promise<void> {
    const post = await this.gate.open(req, res);
    if (!post) return;
    const def = await this.classifyDef(post);
    const line = (post.fields.line ?? '').trim();
    // The line travels in the API's path, not its body; an unpicked one is refused by the
    // form (required select) before anything is sent.
    const path = `/api/v1/budget-lines/${encodeURIComponent(line)}/classification`;
    const outcome = await this.pages.submit(req, res, post, def, path, (b) => {
      const { line: _line, ...body } = b;
      return body;
    });
    if (outcome.ok) {
      res.redirect(303, href('/classifications/new', post.state, { line }));
      return;
    }
    await this.classification(res, post, outcome.status, undefined, refusedOf(def, post, outcome));
  }

  @Get('fiscal-years/:year/lead-agency')
  async leadPage(
    @Param('year') year: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const visitor = await this.gate.visit(req, res);
    if (visitor) await this.lead(res, visitor, year, 200);
  }

  @Post('fiscal-years/:year/lead-agency')
  async designateLead(
    @Param('year') year: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const post = await this.gate.open(req, res);
    if (!post) return;
    if (!YEAR.test(year)) {
      sendNotFound(res, post.user.actor, post.state);
      return;
    }
    const path = `/api/v1/fiscal-years/${year}/lead-agency`;
    const outcome = await this.pages.submit(req, res, post, DESIGNATE_LEAD, path);
    if (outcome.ok) {
      res.redirect(303, href(`/fiscal-years/${year}/lead-agency`, post.state));
      return;
    }
    await this.lead(res, post, year, outcome.status, refusedOf(DESIGNATE_LEAD, post, outcome));
  }

  @Get('joint-trips/new')
  async tripPage(@Req() req: Request, @Res() res: Response): Promise<void> {
    const visitor = await this.gate.visit(req, res);
    if (visitor) await this.trip(res, visitor, 200, queryString(req, 'recorded'));
  }

  @Post('joint-trips/new')
  async recordTrip(@Req() req: Request, @Res() res: Response): Promise<void> {
    const post = await this.gate.open(req, res);
    if (!post) return;
    const outcome = await this.pages.submit(
      req,
      res,
      post,
      RECORD_TRIP,
      '/api/v1/joint-trips',
      tripBody,
    );
    if (outcome.ok) {
      const tripId = (post.fields.tripId ?? '').trim();
      res.redirect(303, href('/joint-trips/new', post.state, { recorded: tripId }));
      return;
    }
    await this.trip(res, post, outcome.status, undefined, refusedOf(RECORD_TRIP, post, outcome));
  }

  private async classifyDef(visitor: FormVisitor): Promise<FormDef> {
    const year = visitor.state.year ?? Number(this.clock.today().slice(0, 4));
    const lines = await this.reads.lines(visitor.user.actor, year);
    const lang = visitor.state.lang;
    return classifyLineDef(
      lines.map((l) => ({
        value: l.id,
        label: `${l.id} (${lang === 'vi' ? 'còn' : 'available'} ${money(l.available, lang)} đồng)`,
      })),
    );
  }

  private async classification(
    res: Response,
    visitor: FormVisitor,
    status: number,
    line?: string,
    refused?: Refused,
  ): Promise<void> {
    const def = await this.classifyDef(visitor);
    // After a classification: said only when the line's stream holds it, and only for a
    // line the user is offered (so no other unit's line is read).
    const offered = line && def.fields[0]?.choices?.some((c) => c.value === line);
    const events =
      offered && isLineId(line) ? await this.streams.events(budgetLineStreamId(line)) : [];
    const done = classificationDone(line ?? '', events, visitor.state);
    this.pages.send(res, visitor, status, {
      title: def.title,
      path: '/classifications/new',
      ...(done ? { intro: done } : {}),
      forms: [
        {
          def,
          action: href('/classifications/new', visitor.state),
          values: { effectiveDate: dateInputValue(this.clock.today()), ...(line ? { line } : {}) },
        },
      ],
      ...(refused ? { refused } : {}),
    });
  }

  private async lead(
    res: Response,
    visitor: FormVisitor,
    year: string,
    status: number,
    refused?: Refused,
  ): Promise<void> {
    const { state, user } = visitor;
    if (!YEAR.test(year)) {
      sendNotFound(res, user.actor, state);
      return;
    }
    // The lead agency is district-wide public record: every signed-in user may read it.
    const events = await this.streams.events(leadAgencyStreamId(Number(year)));
    this.pages.send(res, visitor, status, {
      title: { vi: `Cơ quan chủ trì năm ${year}`, en: `Lead agency of ${year}` },
      path: `/fiscal-years/${year}/lead-agency`,
      intro: leadPeriods(events, state),
      forms: JOINT_WORK_POLICIES.DesignateLeadAgency.roles.includes(user.actor.role)
        ? [
            {
              def: DESIGNATE_LEAD,
              action: href(`/fiscal-years/${year}/lead-agency`, state),
              values: { validFrom: `01/01/${year}` },
            },
          ]
        : [],
      ...(refused ? { refused } : {}),
    });
  }

  private async trip(
    res: Response,
    visitor: FormVisitor,
    status: number,
    recorded?: string,
    refused?: Refused,
  ): Promise<void> {
    const { state, user } = visitor;
    const events =
      recorded && TRIP_ID.test(recorded)
        ? await this.streams.events(jointTripStreamId(recorded))
        : [];
    const done = tripDone(events, user.actor, state);
    this.pages.send(res, visitor, status, {
      title: RECORD_TRIP.title,
      path: '/joint-trips/new',
      ...(done ? { intro: done } : {}),
      forms: [
        {
          def: RECORD_TRIP,
          action: href('/joint-trips/new', state),
          values: user.actor.unit ? { leadUnit: user.actor.unit } : {},
        },
      ],
      ...(refused ? { refused } : {}),
    });
  }
}
