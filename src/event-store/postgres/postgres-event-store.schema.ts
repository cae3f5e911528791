import pg from 'pg';

import { ADVISORY_LOCKS } from '../../database/postgres/advisory-locks';
import { inTransaction } from '../../database/postgres/postgres-pool';

/** Held for the whole migration transaction, so instances starting together migrate one at a time. */
const MIGRATION_LOCK = ADVISORY_LOCKS.eventStoreMigration;
/** Held for microseconds while an append takes its transaction id and its positions (see below). */
export const POSITION_ALLOCATION_LOCK = ADVISORY_LOCKS.positionAllocation;

export const EVENT_STORE_COMPONENT = 'event-store';

/** Told after appends commit, to every session listening (projection leaders and followers). */
export const APPENDED_CHANNEL = 'incident_log_appended';

/**
 * Versioned migrations, applied in order; `schema_migrations` records which ones ran. Never edit
 * one that has shipped: add the next.
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE events (
     global_position BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     event_id        TEXT        NOT NULL,
     stream_id       TEXT        NOT NULL,
     stream_version  INTEGER     NOT NULL CHECK (stream_version > 0),
     type            TEXT        NOT NULL,
     schema_version  INTEGER     NOT NULL,
     data            JSONB       NOT NULL,
     source          JSONB,
     confidence      TEXT,
     recorded_at     TIMESTAMPTZ NOT NULL,
     recorded_by     TEXT        NOT NULL,
     correlation_id  TEXT,
     causation_id    TEXT,
     tx_id           XID8        NOT NULL DEFAULT pg_current_xact_id(),
     CONSTRAINT events_event_id_unique UNIQUE (event_id),
     CONSTRAINT events_stream_version_unique UNIQUE (stream_id, stream_version)
   );

   CREATE FUNCTION refuse_event_changes() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION 'events are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
   END $$;

   -- Statement-level, so even an UPDATE or DELETE that matches no row is refused.
   CREATE TRIGGER events_are_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON events
     FOR EACH STATEMENT EXECUTE FUNCTION refuse_event_changes();

   -- Why positions are taken under a lock: readers return only events whose transaction id is
   -- below the oldest transaction still in flight (pg_snapshot_xmin), so that no lower position can
   -- commit after they have read past it. That holds only if positions follow transaction-id order.
   -- Left to the identity default they need not: a batch takes one position per row while another
   -- transaction takes some in between, and a transaction takes its first position before its id.
   -- So an append takes its id and all its positions in one short critical section, before it
   -- writes anything: transaction ids and positions then rise together, a batch is contiguous.
   CREATE FUNCTION allocate_event_positions(how_many INTEGER, OUT first_position BIGINT, OUT allocated_at TIMESTAMPTZ)
   LANGUAGE plpgsql AS $$
   DECLARE
     positions REGCLASS := pg_get_serial_sequence('events', 'global_position');
   BEGIN
     IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
       RAISE EXCEPTION 'event positions must be allocated before the transaction writes anything';
     END IF;
     BEGIN
       PERFORM pg_advisory_lock(${POSITION_ALLOCATION_LOCK});
       PERFORM pg_current_xact_id();
       SELECT min(position) INTO first_position
         FROM (SELECT nextval(positions) AS position FROM generate_series(1, how_many)) AS allocated;
       -- Read under the lock too, so record times do not go backwards along the log
       -- (unless the server's clock does).
       allocated_at := date_trunc('milliseconds', clock_timestamp());
       PERFORM pg_advisory_unlock(${POSITION_ALLOCATION_LOCK});
     EXCEPTION WHEN OTHERS OR query_canceled THEN
       -- A session lock outlives the transaction: never leave it behind.
       PERFORM pg_advisory_unlock(${POSITION_ALLOCATION_LOCK});
       RAISE;
     END;
   END $$;`,
];

/** Applies the migrations not applied yet, in one transaction, under a lock all instances share. */
export async function migratePostgresEventStore(pool: pg.Pool): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         component  TEXT        NOT NULL,
         version    INTEGER     NOT NULL,
         applied_at TIMESTAMPTZ NOT NULL DEFAULT now(),
         PRIMARY KEY (component, version)
       )`,
    );
    const { rows } = await client.query<{ version: number }>(
      'SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations WHERE component = $1',
      [EVENT_STORE_COMPONENT],
    );
    for (let version = rows[0].version + 1; version <= MIGRATIONS.length; version++) {
      await client.query(MIGRATIONS[version - 1]);
      await client.query('INSERT INTO schema_migrations (component, version) VALUES ($1, $2)', [EVENT_STORE_COMPONENT, version]);
    }
  });
}
