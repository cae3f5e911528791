/**
 * Which process applies projections. With several app instances on one database exactly one
 * holds the lead at a time; the others serve reads and take over when it goes away.
 */
export interface ProjectionLeadership {
  /** Whether this process leads now, trying to take the lead if nobody holds it. */
  lead(): Promise<boolean>;
  release(): Promise<void>;
}

/** One embedded file: every process may apply (SQLite's write lock serialises them). */
export class SoleLeadership implements ProjectionLeadership {
  async lead(): Promise<boolean> {
    return true;
  }

  async release(): Promise<void> {}
}
