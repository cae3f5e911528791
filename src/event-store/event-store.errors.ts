import { ExpectedVersion } from './event-store.port';

export class WrongExpectedVersion extends Error {
  constructor(readonly streamId: string, readonly expected: ExpectedVersion, readonly actual: number) {
    super(`stream ${streamId} is at version ${actual}, not ${expected}`);
  }
}

/** An event id is already stored with other content (another stream, type, data or provenance). */
export class EventIdConflict extends Error {
  constructor(readonly eventId: string) {
    super(`event ${eventId} is already stored with other content`);
  }
}
