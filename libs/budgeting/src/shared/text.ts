/*
 * What free text (a description, a payee, a reason, a title) may hold. Refused: control
 * characters (NUL, escape sequences; tab and line breaks are kept), the bidirectional
 * overrides and isolates that make a name read differently from what is stored
 * (U+202A–U+202E, U+2066–U+2069), the line and paragraph separators that break log lines,
 * non-characters and lone UTF-16 surrogates (not text at all). And a text must show at
 * least one visible character: spaces, zero-width joiners or a BOM alone say nothing.
 */

const FORBIDDEN =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u2028\u2029\uFFFE\uFFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const VISIBLE = /[^\s\p{Cc}\p{Cf}\p{Z}\p{M}]/u;

export type TextProblem = 'control' | 'invisible';

/** Why a string may not be stored as text (control characters), or null. */
export function controlProblem(text: string): 'control' | null {
  return FORBIDDEN.test(text) || LONE_SURROGATE.test(text) ? 'control' : null;
}

/** Why a string is not acceptable free text, or null. */
export function textProblem(text: string): TextProblem | null {
  return controlProblem(text) ?? (VISIBLE.test(text) ? null : 'invisible');
}
