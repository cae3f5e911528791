import { Injectable } from '@nestjs/common';
import { excerptFinder } from '../domain/shared/excerpt';
import { Problem } from '../domain/shared/problem';
import { Provenance } from '../domain/shared/provenance';
import { SourceReadModel } from './source-read-model';
import { EventStore } from '../event-store/event-store.port';
import { ProjectionEngine } from '../projections/engine/projection-engine';

export interface CitedProvenance {
  /** Where the provenance sits in the request, e.g. `events.2.source`. */
  path: string;
  source: Provenance;
}

/** Every fact's excerpt must occur in the text of the source it cites. */
@Injectable()
export class ProvenanceCheck {
  constructor(
    private readonly sources: SourceReadModel,
    private readonly store: EventStore,
    private readonly projections: ProjectionEngine,
  ) {}

  /** `pending` holds texts about to be stored with the same write (an import's own document). */
  async problems(cited: readonly CitedProvenance[], pending: ReadonlyMap<string, string> = new Map()): Promise<Problem[]> {
    const wanted = [...new Set(cited.map((c) => c.source.sourceId))].filter((id) => !pending.has(id));
    let stored = await this.sources.texts(wanted);
    if (stored.size < wanted.length) {
      // A source just registered (by another instance) may not be in the read model yet.
      await this.projections.waitFor(await this.store.headPosition());
      stored = await this.sources.texts(wanted);
    }
    const texts = new Map([...stored, ...pending]);
    // Each text is normalised once, however many excerpts cite it.
    const finders = new Map([...texts].map(([sourceId, text]) => [sourceId, excerptFinder(text)]));
    return cited.flatMap(({ path, source }): Problem[] => {
      const occurs = finders.get(source.sourceId);
      if (!occurs) return [{ path: `${path}.sourceId`, reason: `names no stored source (${source.sourceId})` }];
      if (!occurs(source.excerpt)) return [{ path: `${path}.excerpt`, reason: `does not occur in the text of source ${source.sourceId}` }];
      return [];
    });
  }
}
