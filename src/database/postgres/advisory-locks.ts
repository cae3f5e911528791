/**
 * Every PostgreSQL advisory lock key the app takes, in one place so no two uses collide
 * (a collision makes unrelated work wait on each other).
 */
export const ADVISORY_LOCKS = {
  /** Event-store schema migrations (transaction lock). */
  eventStoreMigration: 7_265_011_001,
  /** Allocating global positions together with the transaction id (held for microseconds). */
  positionAllocation: 7_265_011_002,
  /** Read-model tables made at start-up (transaction lock). */
  readModelSchema: 7_265_011_003,
  /** The one instance that applies projections (session lock, held while it leads). */
  projectionLeadership: 7_265_011_004,
} as const;
