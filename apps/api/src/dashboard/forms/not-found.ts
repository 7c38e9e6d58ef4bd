import type { Response } from 'express';
import type { Actor } from '@app/budgeting';
import { t } from '../i18n';
import { href, type PageState } from '../page-state';
import { sendHtml } from '../send-html';
import { page } from '../views/layout.view';
import { messageBody } from '../views/login.view';

/** 404 for a form's target that does not exist or that the user may not see (the same answer). */
export function sendNotFound(res: Response, user: Actor, state: PageState): void {
  sendHtml(
    res,
    404,
    page({
      title: t(state.lang, 'notFound'),
      section: 'error',
      path: '/',
      state,
      user,
      timeControl: false,
      body: messageBody(t(state.lang, 'notFound'), t(state.lang, 'notFound'), {
        href: href('/', state),
        label: t(state.lang, 'backToOverview'),
      }),
    }),
  );
}
