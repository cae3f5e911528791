import pg from 'pg';
import { APPENDED_CHANNEL } from '../event-store/postgres/postgres-event-store.schema';

/** How long to wait before listening again after the connection broke (a poll still runs meanwhile). */
const RECONNECT_MS = 1000;

/**
 * Listens for the notification every append sends at its commit, on a connection of its own,
 * and wakes the projections at once; the engine's poll stays as the fallback for a notification
 * missed while the connection was down.
 */
export async function listenForAppends(connectionString: string, wake: () => void): Promise<{ stop(): Promise<void> }> {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString });
    next.on('notification', () => wake());
    next.on('error', () => reconnectSoon());
    next.on('end', () => reconnectSoon());
    try {
      await next.connect();
      await next.query(`LISTEN ${APPENDED_CHANNEL}`);
      // Stopped while this reconnect was under way: the session must not outlive the app.
      if (stopped) return void (await next.end());
      client = next;
    } catch {
      await next.end().catch(() => undefined);
      reconnectSoon();
    }
  };

  const reconnectSoon = (): void => {
    if (stopped || retry) return;
    const broken = client;
    client = null;
    void broken?.end().catch(() => undefined);
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, RECONNECT_MS);
    retry.unref();
  };

  await connect();
  return {
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}
