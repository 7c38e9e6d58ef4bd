import type { Response } from 'express';
import type { Actor } from '@app/budgeting';
import { t, type TextKey } from './i18n';
import { href, type PageState } from './page-state';
import { sendHtml } from './send-html';
import { page } from './views/layout.view';
import { messageBody } from './views/login.view';

/** The dashboard's 403 page: why, and the way back to the overview. */
export function sendForbidden(
  res: Response,
  user: Actor | null,
  state: PageState,
  why: TextKey,
): void {
  sendHtml(
    res,
    403,
    page({
      title: t(state.lang, 'forbidden'),
      section: 'error',
      path: '/',
      state,
      user,
      timeControl: false,
      body: messageBody(t(state.lang, 'forbidden'), t(state.lang, why), {
        href: href('/', state),
        label: t(state.lang, 'backToOverview'),
      }),
    }),
  );
}
