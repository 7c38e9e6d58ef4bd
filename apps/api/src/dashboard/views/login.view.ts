import { html, type SafeHtml } from '../html';
import { t } from '../i18n';
import type { PageState } from '../page-state';

export function loginBody(state: PageState, next: string, failed: boolean): SafeHtml {
  const lang = state.lang;
  return html`<div class="login">
    <h1>${t(lang, 'loginTitle')}</h1>
    ${failed ? html`<p class="error" role="alert" data-testid="login-error">${t(lang, 'loginFailed')}</p>` : ''}
    <form method="post" action="/login${lang === 'en' ? '?lang=en' : ''}">
      <input type="hidden" name="next" value="${next}" />
      <div class="field">
        <label for="token">${t(lang, 'token')}</label>
        <input
          type="password"
          id="token"
          name="token"
          required
          autocomplete="off"
          spellcheck="false"
          aria-describedby="token-hint"
          ${failed ? html`aria-invalid="true"` : ''}
        />
        <p class="hint" id="token-hint">${t(lang, 'tokenHint')}</p>
      </div>
      <button type="submit">${t(lang, 'loginButton')}</button>
    </form>
  </div>`;
}

export function messageBody(
  title: string,
  message: string,
  back?: { href: string; label: string },
): SafeHtml {
  return html`<h1>${title}</h1>
    <p class="error" role="alert">${message}</p>
    ${back ? html`<p><a href="${back.href}">${back.label}</a></p>` : ''}`;
}
