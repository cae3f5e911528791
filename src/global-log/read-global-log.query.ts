import { Query } from '@nestjs/cqrs';
import { StoredEvent } from '../event-store/event-store.port';

export interface GlobalLogPage {
  events: StoredEvent[];
  lastPosition: number;
}

export class ReadGlobalLogQuery extends Query<GlobalLogPage> {
  constructor(readonly after: number, readonly limit: number) {
    super();
  }
}
