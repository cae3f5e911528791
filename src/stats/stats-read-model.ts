import { Injectable } from '@nestjs/common';
import { ReadModelDatabase } from '../database/sql-runner';
import { CasualtyGroup, CasualtyTallyQuery, queryCasualtyTally } from '../projections/casualty-tally/casualty-tally.queries';
import { MaterielGroup, MaterielTallyQuery, queryMaterielTally } from '../projections/materiel-tally/materiel-tally.queries';
import { ProjectionEngine } from '../projections/engine/projection-engine';

/** Tallies over the tally projections' rows in force now, or at a past record time (`asOf`): one statement each. */
@Injectable()
export class StatsReadModel {
  constructor(private readonly db: ReadModelDatabase, private readonly projections: ProjectionEngine) {}

  casualties(query: CasualtyTallyQuery): Promise<CasualtyGroup[]> {
    return queryCasualtyTally(this.db.reader, this.projections.tableOf('casualty-tally', 'casualty_rows'), this.db.dialect, query);
  }

  materiel(query: MaterielTallyQuery): Promise<MaterielGroup[]> {
    return queryMaterielTally(this.db.reader, this.projections.tableOf('materiel-tally', 'materiel_rows'), this.db.dialect, query);
  }
}
