import { Query } from '@nestjs/cqrs';

export interface ActorEntry {
  name: string;
  kind: string;
  side: string;
  parent: string | null;
  founded: number | null;
  incidents: number;
}

export interface ActorDirectory {
  items: ActorEntry[];
}

export class ListActorsQuery extends Query<ActorDirectory> {}
