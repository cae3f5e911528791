import pg from 'pg';
import { ADVISORY_LOCKS } from '../database/postgres/advisory-locks';
import { ProjectionLeadership } from '../projections/engine/leadership';


/**
 * The lead is a session-level advisory lock held on a connection of its own. If the leading
 * instance dies, PostgreSQL ends its session and frees the lock; the next instance to poll
 * takes it (within one poll interval).
 */
export class PostgresAdvisoryLeadership implements ProjectionLeadership {
  private client: pg.Client | null = null;
  private leading = false;
  /** Counts releases, so a lead taken while one happened is given back at once. */
  private releases = 0;

  constructor(private readonly connectionString: string) {}

  async lead(): Promise<boolean> {
    if (this.leading && this.client) return true;
    const releases = this.releases;
    try {
      this.client ??= await this.connect();
      const { rows } = await this.client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [ADVISORY_LOCKS.projectionLeadership]);
      this.leading = rows[0].locked;
      // Released (the app stopping) while connecting: a session left open would hold the lock from every other instance.
      if (releases !== this.releases) await this.forget();
    } catch {
      await this.forget();
    }
    return this.leading;
  }

  async release(): Promise<void> {
    this.releases++;
    await this.forget();
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.connectionString });
    // A lost connection means a lost lock: stop applying until the lock is taken again.
    client.on('error', () => void this.forget());
    client.on('end', () => void this.forget());
    await client.connect();
    return client;
  }

  /** Ends the session too: a session left open would keep the lock from every other instance. */
  private async forget(): Promise<void> {
    const client = this.client;
    this.leading = false;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
