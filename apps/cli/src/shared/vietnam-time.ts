import { parseVietnamInstant } from '@app/budgeting';
import type { UsageProblem } from './cli-errors';

/**
 * `--known-at`: an instant as people type it (see parseVietnamInstant, shared with the
 * dashboard): dd/mm/yyyy or ISO 8601; without a zone, on Vietnamese clocks (UTC+7), so the
 * same command means the same instant on the treasurer's laptop and on a UTC server.
 * Returns the instant as the query takes it, or a usage problem.
 */
export function parseKnownAtOption(text: string): { value: string } | { problem: UsageProblem } {
  const parsed = parseVietnamInstant(text);
  if ('value' in parsed) return parsed;
  const message =
    parsed.error === 'format'
      ? {
          vi: `--known-at: thời điểm không hợp lệ "${text}" (ví dụ 1/7/2024 08:30 theo giờ Việt Nam, 2024-07-01T08:30, hoặc 2024-07-01T01:30:00Z)`,
          en: `--known-at: invalid instant "${text}" (e.g. 1/7/2024 08:30 in Vietnam time, 2024-07-01T08:30, or 2024-07-01T01:30:00Z)`,
        }
      : {
          vi: `--known-at: thời điểm không tồn tại "${text}"`,
          en: `--known-at: no such instant "${text}"`,
        };
  return { problem: { field: '--known-at', message } };
}
