import { Query } from '@nestjs/cqrs';

export interface ActorEntry {
  name: string;
  kind: string;
  side: string;
  parent: string | null;
  founded: number | null;
  aliases: string[];
  incidents: number;
}

export interface ActorDirectory {
  items: ActorEntry[];
  nextCursor: string | null;
}

export class ListActorsQuery extends Query<ActorDirectory> {
  constructor(readonly name: string | null, readonly limit: number, readonly cursor: string | null) {
    super();
  }
}
