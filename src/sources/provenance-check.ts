import { Injectable } from '@nestjs/common';
import { excerptFinder } from '../domain/shared/excerpt';
import { Problem } from '../domain/shared/problem';
import { Provenance } from '../domain/shared/provenance';
import { SourceReadModel } from './source-read-model';

export interface CitedProvenance {
  /** Where the provenance sits in the request, e.g. `events.2.source`. */
  path: string;
  source: Provenance;
}

/** Every fact's excerpt must occur in the text of the source it cites. */
@Injectable()
export class ProvenanceCheck {
  constructor(private readonly sources: SourceReadModel) {}

  /** `pending` holds texts about to be stored with the same write (an import's own document). */
  async problems(cited: readonly CitedProvenance[], pending: ReadonlyMap<string, string> = new Map()): Promise<Problem[]> {
    const texts = new Map([...(await this.sources.texts(cited.map((c) => c.source.sourceId).filter((id) => !pending.has(id)))), ...pending]);
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
