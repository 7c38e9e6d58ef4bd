import { instant } from '../format';
import { html, type SafeHtml } from '../html';
import { t } from '../i18n';
import type { IntegrityCheck } from '../integrity-status';
import type { PageState } from '../page-state';

export function integrityBody(check: IntegrityCheck, state: PageState): SafeHtml {
  const lang = state.lang;
  const { result } = check;
  const broken = result.firstBroken;
  return html`<h1>${t(lang, 'integrityTitle')}</h1>
    <p class="hint">${t(lang, 'integrityNote')}</p>
    <dl class="facts">
      <div>
        <dt>${t(lang, 'integrityResult')}</dt>
        <dd>
          <span class="status ${result.ok ? 'ok' : 'no'}" data-testid="integrity-result"
            >${result.ok ? t(lang, 'integrityOk') : t(lang, 'integrityBroken')}</span
          >
        </dd>
      </div>
      <div>
        <dt>${t(lang, 'integrityWhen')}</dt>
        <dd>${instant(check.checkedAt.toISOString(), lang)}</dd>
      </div>
      <div>
        <dt>${t(lang, 'integrityUpTo')}</dt>
        <dd data-testid="integrity-position">${result.chain.lastPosition?.toString() ?? '—'}</dd>
      </div>
      <div>
        <dt>${t(lang, 'integrityEvents')}</dt>
        <dd>${result.chain.eventsChecked}</dd>
      </div>
      <div>
        <dt>${t(lang, 'integrityCheckpoints')}</dt>
        <dd data-testid="integrity-checkpoints">
          ${
            result.audit === null || result.audit.coveredUpTo === null
              ? t(lang, 'integrityNoCheckpoint')
              : `${t(lang, 'integrityCoveredUpTo')} ${result.audit.coveredUpTo.toString()} (${result.audit.validCheckpoints}/${result.audit.storedCheckpoints})`
          }
        </dd>
      </div>
      ${
        broken
          ? html`<div>
              <dt>${t(lang, 'integrityFirstBroken')}</dt>
              <dd>
                #${broken.position.toString()} ${broken.streamId ?? ''}
                ${broken.revision === undefined ? '' : `@${broken.revision.toString()}`}:
                ${broken.messages[lang]}
              </dd>
            </div>`
          : ''
      }
    </dl>
    <form method="post" action="/integrity/verify${lang === 'en' ? '?lang=en' : ''}">
      <button type="submit">${t(lang, 'integrityRecheck')}</button>
    </form>`;
}
