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

/** Normalised texts kept at most (in characters): beyond it the least recently used are read again. */
const MAX_CACHED_CHARS = 32_000_000;

type Finder = (excerpt: string) => boolean;

/** Every fact's excerpt must occur in the text of the source it cites. */
@Injectable()
export class ProvenanceCheck {
  constructor(
    private readonly sources: SourceReadModel,
    private readonly store: EventStore,
    private readonly projections: ProjectionEngine,
  ) {}

  /**
   * A stored source's text never changes (a source is registered once, never edited), so each is
   * read and normalised once, not on every write that cites it; least recently used dropped first.
   */
  private readonly finders = new Map<string, { find: Finder; size: number }>();
  private cachedChars = 0;

  private cached(sourceId: string): Finder | undefined {
    const entry = this.finders.get(sourceId);
    if (!entry) return undefined;
    this.finders.delete(sourceId);
    this.finders.set(sourceId, entry);
    return entry.find;
  }

  private keep(sourceId: string, text: string): Finder {
    const find = excerptFinder(text);
    if (text.length > MAX_CACHED_CHARS) return find;
    this.finders.set(sourceId, { find, size: text.length });
    this.cachedChars += text.length;
    for (const [oldest, entry] of this.finders) {
      if (this.cachedChars <= MAX_CACHED_CHARS) break;
      this.finders.delete(oldest);
      this.cachedChars -= entry.size;
    }
    return find;
  }

  /** `pending` holds texts about to be stored with the same write (an import's own document). */
  async problems(cited: readonly CitedProvenance[], pending: ReadonlyMap<string, string> = new Map()): Promise<Problem[]> {
    const finders = new Map<string, Finder>();
    // Texts about to be stored by this write are its own: never taken from (or put in) the cache.
    for (const [sourceId, text] of pending) if (cited.some((c) => c.source.sourceId === sourceId)) finders.set(sourceId, excerptFinder(text));
    const wanted: string[] = [];
    for (const { source } of cited) {
      const { sourceId } = source;
      if (finders.has(sourceId) || wanted.includes(sourceId)) continue;
      const find = this.cached(sourceId);
      if (find) finders.set(sourceId, find);
      else wanted.push(sourceId);
    }
    if (wanted.length > 0) {
      let stored = await this.sources.texts(wanted);
      if (stored.size < wanted.length) {
        // A source just registered (by another instance) may not be in the read model yet.
        await this.projections.waitFor(await this.store.headPosition());
        stored = await this.sources.texts(wanted);
      }
      for (const [sourceId, text] of stored) finders.set(sourceId, this.keep(sourceId, text));
    }
    return cited.flatMap(({ path, source }): Problem[] => {
      const occurs = finders.get(source.sourceId);
      if (!occurs) return [{ path: `${path}.sourceId`, reason: `names no stored source (${source.sourceId})` }];
      if (!occurs(source.excerpt)) return [{ path: `${path}.excerpt`, reason: `does not occur in the text of source ${source.sourceId}` }];
      return [];
    });
  }
}
