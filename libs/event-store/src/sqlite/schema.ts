/**
 * 2: events may carry hash format v2 (hashing.ts) — same tables. A program that only
 * knows v1 would report every v2 event as changed, so it refuses the file instead.
 * 3: events may carry hash format v3 (one digest per event) — same tables; likewise, a
 * program that knows only v1 and v2 refuses the file rather than call v3 events changed.
 */
export const SCHEMA_VERSION = 3;

/**
 * The embedded log. `position` is the global order: AUTOINCREMENT never reuses a value,
 * and appends take the write lock (BEGIN IMMEDIATE) for their whole duration, so
 * positions are handed out and committed in the same order, across processes too.
 * Triggers refuse UPDATE and DELETE: the log is append-only through SQL as well.
 */
export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS events (
  position       INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id       TEXT    NOT NULL UNIQUE,
  stream_id      TEXT    NOT NULL,
  revision       INTEGER NOT NULL,
  type           TEXT    NOT NULL,
  schema_version INTEGER NOT NULL,
  data           TEXT    NOT NULL,
  metadata       TEXT    NOT NULL,
  previous_hash  TEXT,
  hash           TEXT    NOT NULL,
  UNIQUE (stream_id, revision)
);
CREATE TRIGGER IF NOT EXISTS events_are_immutable BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are immutable'); END;
CREATE TRIGGER IF NOT EXISTS events_are_never_deleted BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are never deleted'); END;
CREATE TABLE IF NOT EXISTS checkpoints (
  consumer   TEXT    PRIMARY KEY,
  position   INTEGER NOT NULL,
  updated_at TEXT    NOT NULL
) WITHOUT ROWID;
`;
