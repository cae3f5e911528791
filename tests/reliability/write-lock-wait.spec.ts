/**
 * A write that finds SQLite's write lock taken (by a rebuild's writer thread, by the CLI in
 * another process) waits for it without stopping the event loop (timers fire, requests are
 * read, a rebuild goes on folding), and commits once the lock is free. Real SQLite file; the
 * lock is held by a second connection to it, as another process would.
 */
import Database from 'better-sqlite3';
import { incidentStreamId } from '../../src/domain/incident/incident-events';
import { Rig, incidentIdOf, openRig, tempDatabase } from '../support/reliability';

describe('a write waiting for the write lock another connection holds', () => {
  const folder = tempDatabase();
  let rig: Rig;
  let other: Database.Database;

  beforeEach(async () => {
    rig = await openRig(folder.file);
    other = new Database(folder.file);
  });

  afterEach(async () => {
    if (other.inTransaction) other.exec('ROLLBACK');
    other.close();
    await rig.close();
    folder.remove();
  });

  it('leaves the event loop turning, and commits once the lock is let go', async () => {
    other.exec('BEGIN IMMEDIATE');
    let outcome = 'pending';
    const appending = rig.log.open(incidentIdOf(0)).then(
      (events) => ((outcome = 'appended'), events),
      (error: unknown) => ((outcome = `failed: ${String(error)}`), []),
    );

    // SQLite's own wait would hold this thread for its whole busy timeout (5 s): this timer would
    // fire only after it, and the write would have failed by then.
    await new Promise((resolve) => setTimeout(resolve, 200));

    expect(outcome).toBe('pending');

    other.exec('COMMIT');
    const appended = await appending;
    expect(outcome).toBe('appended');
    expect((await rig.store.readStream(incidentStreamId(incidentIdOf(0)))).map((e) => e.eventId)).toEqual(appended.map((e) => e.eventId));
  });

  it('a read-model transaction waits the same way', async () => {
    other.exec('BEGIN IMMEDIATE');
    let done = false;
    const writing = rig.db.transaction((sql) => sql.run('CREATE TABLE written_while_locked (id INTEGER PRIMARY KEY)')).then(() => (done = true));

    await new Promise((resolve) => setTimeout(resolve, 200));

    expect(done).toBe(false);
    other.exec('COMMIT');
    await writing;
    expect(await rig.db.reader.all("SELECT name FROM sqlite_master WHERE name = 'written_while_locked'")).toHaveLength(1);
  });
});
