import type { JsonObject, RecordedEvent } from './event';

/**
 * Turns one stored schema version of an event type into the next. Stored bytes are
 * never rewritten: old versions stay in the log and are upcast each time they are read.
 */
export interface Upcaster {
  readonly type: string;
  readonly fromVersion: number;
  /** Returns the data in version fromVersion + 1 (and a new type name, if it was renamed). */
  upcast(
    data: JsonObject,
    event: RecordedEvent,
  ): { readonly type?: string; readonly data: JsonObject };
}

export class UpcasterRegistry {
  private readonly upcasters = new Map<string, Upcaster>();

  constructor(upcasters: readonly Upcaster[] = []) {
    for (const upcaster of upcasters) this.register(upcaster);
  }

  register(upcaster: Upcaster): this {
    const key = UpcasterRegistry.key(upcaster.type, upcaster.fromVersion);
    if (this.upcasters.has(key)) {
      throw new Error(
        `An upcaster for ${upcaster.type} v${upcaster.fromVersion} is already registered`,
      );
    }
    this.upcasters.set(key, upcaster);
    return this;
  }

  /** Applies upcasters one version at a time until none applies. */
  upcast(event: RecordedEvent): RecordedEvent {
    let current = event;
    for (;;) {
      const upcaster = this.upcasters.get(
        UpcasterRegistry.key(current.type, current.schemaVersion),
      );
      if (!upcaster) return current;
      const next = upcaster.upcast(current.data, current);
      current = {
        ...current,
        type: next.type ?? current.type,
        schemaVersion: current.schemaVersion + 1,
        data: next.data,
      };
    }
  }

  private static key(type: string, version: number): string {
    return `${type}@${version}`;
  }
}
