import type { Request } from 'express';
import { parseDate, parseKnownAt, type Lang } from './format';
import { t } from './i18n';

/** What every dashboard page is asked for: language, fiscal year and the point in time. */
export interface PageState {
  readonly lang: Lang;
  readonly year?: number;
  /** Business date: what had taken effect by then. */
  readonly asOf?: string;
  /** ISO instant: what the books showed then. */
  readonly knownAt?: string;
  /** Parameters that were given but could not be used, said to the user. */
  readonly notices: readonly string[];
  /** What was typed in a time control field that could not be read: shown back as typed. */
  readonly typed?: { readonly asOf?: string; readonly knownAt?: string };
}

export type Extra = Readonly<Record<string, string | undefined>>;

export function queryString(req: Request, name: string): string | undefined {
  const value = req.query[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function readPageState(req: Request): PageState {
  const lang: Lang = queryString(req, 'lang') === 'en' ? 'en' : 'vi';
  const notices: string[] = [];
  const rawAsOf = queryString(req, 'asOf');
  const asOf = rawAsOf ? (parseDate(rawAsOf) ?? undefined) : undefined;
  if (rawAsOf && !asOf) notices.push(t(lang, 'badAsOf'));
  const rawKnownAt = queryString(req, 'knownAt');
  const knownAt = rawKnownAt ? (parseKnownAt(rawKnownAt) ?? undefined) : undefined;
  if (rawKnownAt && !knownAt) notices.push(t(lang, 'badKnownAt'));
  const rawYear = queryString(req, 'year');
  const parsedYear = rawYear && /^\d{4}$/.test(rawYear) ? Number(rawYear) : undefined;
  const year = parsedYear && parsedYear >= 2000 && parsedYear <= 2100 ? parsedYear : undefined;
  if (rawYear && !year) notices.push(t(lang, 'badYear'));
  const typed = {
    ...(rawAsOf && !asOf ? { asOf: rawAsOf.slice(0, 40) } : {}),
    ...(rawKnownAt && !knownAt ? { knownAt: rawKnownAt.slice(0, 40) } : {}),
  };
  return {
    lang,
    ...(typed.asOf || typed.knownAt ? { typed } : {}),
    ...(year ? { year } : {}),
    ...(asOf ? { asOf } : {}),
    ...(knownAt ? { knownAt } : {}),
    notices,
  };
}

/** The time window the read queries take. */
export function windowOf(state: PageState): { asOf?: string; knownAt?: string } {
  return {
    ...(state.asOf ? { asOf: state.asOf } : {}),
    ...(state.knownAt ? { knownAt: state.knownAt } : {}),
  };
}

/** A dashboard link that keeps the language, the year and the point in time. */
export function href(path: string, state: PageState, extra: Extra = {}): string {
  const params = new URLSearchParams();
  if (state.lang !== 'vi') params.set('lang', state.lang);
  if (state.year) params.set('year', String(state.year));
  if (state.asOf) params.set('asOf', state.asOf);
  if (state.knownAt) params.set('knownAt', state.knownAt);
  for (const [name, value] of Object.entries(extra)) if (value) params.set(name, value);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}
