import { AppConfig } from '../config/app-config';
import { canonicalJson } from '../event-store/event-identity';
import { EventStore, RestorableEventStore, StoredEvent } from '../event-store/event-store.port';
import { Storage, openStorage } from '../infrastructure/storage';
import { CliFailure } from './cli-commands';

/** `postgres://…` or `sqlite:<folder>`: the store to move the log into, as the server would open it. */
export function targetConfig(base: AppConfig, url: string): AppConfig {
  if (/^postgres(ql)?:\/\//.test(url)) return { ...base, eventStore: 'postgres', databaseUrl: url };
  if (url.startsWith('sqlite:')) return { ...base, eventStore: 'sqlite', dataDir: url.slice('sqlite:'.length) };
  throw new CliFailure(`--to must be postgres://… or sqlite:<folder>, got "${url}"`);
}

const isRestorable = (store: EventStore): store is RestorableEventStore => 'restore' in store;

export interface MigrationReport {
  copied: number;
}

const PAGE = 1000;

/**
 * Copies the whole log as stored (`Storage.storedLog`: older schema versions stay as they were
 * written), in global order, keeping event ids, stream versions and record times, into an empty
 * store; the two logs are compared event by event, then the copy's projections are built from
 * it, through its own upcasters.
 */
export async function migrateLog(source: EventStore, config: AppConfig, onProgress: (copied: number, total: number) => void): Promise<MigrationReport> {
  const target: Storage = await openStorage(config);
  try {
    // Events are copied as stored (older schema versions included): the copy reads them through the same upcasters.
    const copy = target.storedLog;
    if (!isRestorable(copy)) throw new CliFailure(`a log cannot be moved into ${copy.kind}: it sets record times itself`);
    if ((await copy.headPosition()) !== 0) throw new CliFailure('the target store already holds events: migrate only into an empty store');
    // Progress only: a PostgreSQL log may have gaps in its positions.
    const total = await source.headPosition();
    let after = 0;
    let copied = 0;
    for (let page = await source.readAll(after, PAGE); page.length > 0; page = await source.readAll(after, PAGE)) {
      await copy.restore(page);
      after = page[page.length - 1].globalPosition;
      copied += page.length;
      onProgress(copied, total);
    }
    await compareLogs(source, copy);
    await target.projections.initialise();
    await target.projections.catchUp();
    return { copied };
  } finally {
    await target.close();
  }
}

/** Everything but the positions themselves must be the same, event by event, in the same order. */
async function compareLogs(source: EventStore, target: EventStore): Promise<void> {
  const essence = ({ globalPosition: _position, ...rest }: StoredEvent) => canonicalJson(rest);
  let [fromAfter, toAfter, compared] = [0, 0, 0];
  for (;;) {
    const [from, to] = await Promise.all([source.readAll(fromAfter, PAGE), target.readAll(toAfter, PAGE)]);
    const differs = from.length !== to.length || from.some((event, index) => essence(event) !== essence(to[index]));
    if (differs) throw new CliFailure(`the copy differs from the log after event ${compared}`);
    if (from.length === 0) return;
    compared += from.length;
    fromAfter = from[from.length - 1].globalPosition;
    toAfter = to[to.length - 1].globalPosition;
  }
}
