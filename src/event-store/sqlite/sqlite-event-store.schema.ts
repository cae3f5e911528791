import Database from 'better-sqlite3';

/** Versioned migrations, applied in order; PRAGMA user_version remembers the last one applied. */
const MIGRATIONS: string[] = [
  `CREATE TABLE events (
     global_position INTEGER PRIMARY KEY,
     event_id        TEXT    NOT NULL UNIQUE,
     stream_id       TEXT    NOT NULL,
     stream_version  INTEGER NOT NULL,
     type            TEXT    NOT NULL,
     schema_version  INTEGER NOT NULL,
     data            TEXT    NOT NULL,
     source          TEXT,
     confidence      TEXT,
     recorded_at     TEXT    NOT NULL,
     recorded_by     TEXT    NOT NULL,
     correlation_id  TEXT,
     causation_id    TEXT,
     UNIQUE (stream_id, stream_version)
   );
   CREATE TRIGGER events_are_never_updated BEFORE UPDATE ON events
     BEGIN SELECT RAISE(ABORT, 'events are append-only: UPDATE refused'); END;
   CREATE TRIGGER events_are_never_deleted BEFORE DELETE ON events
     BEGIN SELECT RAISE(ABORT, 'events are append-only: DELETE refused'); END;`,
];

export function migrateSqliteEventStore(db: Database.Database): void {
  db.transaction(() => {
    const applied = db.pragma('user_version', { simple: true }) as number;
    MIGRATIONS.slice(applied).forEach((migration) => db.exec(migration));
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
}
