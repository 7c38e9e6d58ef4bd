/** The recorded-time and "today" source, injected so tests and replays can pin it. */
export abstract class LedgerClock {
  abstract now(): Date;
  /** Today's business date in Vietnam (UTC+7), YYYY-MM-DD. */
  today(): string {
    return new Date(this.now().getTime() + 7 * 3600_000).toISOString().slice(0, 10);
  }
}

export class SystemClock extends LedgerClock {
  now(): Date {
    return new Date();
  }
}
