import { Mutex } from 'async-mutex';

/**
 * One writer at a time per incident in this process: concurrent requests for one incident are
 * decided one after the other, each on the state the previous one left, instead of all deciding
 * on the same state and all but one losing the race (which, under a burst, exhausted the retries).
 * Other processes still race, and the store's expected-version check settles that.
 */
export class IncidentWriteLocks {
  private readonly locks = new Map<string, { mutex: Mutex; users: number }>();

  async runExclusive<T>(incidentId: string, work: () => Promise<T>): Promise<T> {
    const lock = this.locks.get(incidentId) ?? { mutex: new Mutex(), users: 0 };
    lock.users++;
    this.locks.set(incidentId, lock);
    try {
      return await lock.mutex.runExclusive(work);
    } finally {
      // The last user forgets the lock, so the map holds only incidents being written.
      if (--lock.users === 0) this.locks.delete(incidentId);
    }
  }
}
