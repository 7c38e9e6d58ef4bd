import { formatVietnameseDate } from '@app/budgeting';
import type { Lang } from '../labels';
import type { DeadlineSource } from './progress.model';

/**
 * Where a deadline comes from, as an auditor reads it: "theo 699/QĐ-UBND", "mặc định 31/12
 * (699/QĐ-UBND không nêu hạn)", then "gia hạn theo 812/QĐ-UBND" for each extension.
 */
export function describeSource(source: DeadlineSource, lang: Lang): string {
  const vi = lang === 'vi';
  const decision = source.decision;
  const base =
    source.basis === 'decision'
      ? vi
        ? `theo ${decision ?? 'quyết định chuyển nguồn'}`
        : `per ${decision ?? 'the carry-over decision'}`
      : vi
        ? `mặc định 31/12${decision ? ` (${decision} không nêu hạn)` : ''}`
        : `default 31/12${decision ? ` (${decision} states none)` : ''}`;
  if (source.extensions.length === 0) return base;
  const extended = source.extensions.join(', ');
  return `${base}; ${vi ? 'gia hạn theo' : 'extended by'} ${extended}`;
}

/** A row's sources: one as is; several each after its deadline ("30/6/2025: theo …"). */
export function describeSources(sources: readonly DeadlineSource[], lang: Lang): string | null {
  if (sources.length === 0) return null;
  const [only] = sources;
  if (sources.length === 1 && only) return describeSource(only, lang);
  return sources
    .map((s) => {
      const date = lang === 'vi' ? formatVietnameseDate(s.deadline) : s.deadline;
      return `${date}: ${describeSource(s, lang)}`;
    })
    .join(' | ');
}
