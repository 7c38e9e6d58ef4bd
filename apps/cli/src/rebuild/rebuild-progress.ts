import type { SingleBar } from 'cli-progress';
import type { RebuildProgress } from '@app/read-models';
import { formatMoney } from '@app/budgeting';
import type { Language } from '../shared/cli-context';

type CliProgress = typeof import('cli-progress');

function duration(seconds: number | null, language: Language): string {
  if (seconds === null || !Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  const [m, rest] = [Math.floor(s / 60), s % 60];
  if (language === 'vi') return m > 0 ? `${m} phút ${rest} giây` : `${rest} giây`;
  return m > 0 ? `${m} min ${rest} s` : `${rest} s`;
}

/**
 * A progress bar per projection replayed: events, rate and time left, on stderr — never
 * stdout, which carries the answer (`--json`). Only on a terminal: a file or a pipe (CI,
 * cron, a script) gets nothing but the command's own answer at the end.
 */
export class RebuildProgressBar {
  private bar: SingleBar | null = null;
  private total = 1;

  private constructor(
    private readonly progress: CliProgress,
    private readonly language: Language,
  ) {}

  /** Loaded here only: no other command pays for the library. */
  static async create(language: Language): Promise<RebuildProgressBar> {
    return new RebuildProgressBar(await import('cli-progress'), language);
  }

  start(projection: string, head: bigint | null): void {
    if (process.stderr.isTTY !== true) return;
    const vi = this.language === 'vi';
    this.total = head === null || head === 0n ? 1 : Number(head);
    this.bar = new this.progress.SingleBar({
      stream: process.stderr,
      format: vi
        ? '{projection} [{bar}] {percentage}% | {events} sự kiện | {rate} sự kiện/giây | còn khoảng {left}'
        : '{projection} [{bar}] {percentage}% | {events} events | {rate} events/s | about {left} left',
    });
    this.bar.start(this.total, 0, { projection, events: '0', rate: '0', left: '?' });
  }

  update(progress: RebuildProgress): void {
    this.bar?.update(Math.min(this.total, Number(progress.position)), {
      events: formatMoney(BigInt(progress.events)),
      rate: formatMoney(BigInt(Math.round(progress.rate))),
      left: duration(progress.etaSeconds, this.language),
    });
  }

  /** Ends the bar; a replay that finished shows full. */
  stop(finished: boolean): void {
    if (finished) this.bar?.update(this.total, { left: duration(0, this.language) });
    this.bar?.stop();
    this.bar = null;
  }
}
