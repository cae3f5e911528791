import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { SOURCE_EVENT_SCHEMA_VERSION, SOURCE_REGISTERED, SourceRegisteredData, sourceStreamId } from '../domain/source/source-events';
import { WrongExpectedVersion } from '../event-store/event-store.errors';
import { EventStore, NO_STREAM, StoredEvent } from '../event-store/event-store.port';
import { WriteContext } from '../log/incident-log-events';
import { ProjectionEngine } from '../projections/engine/projection-engine';

export type NewSource = Omit<SourceRegisteredData, 'sourceId' | 'sha256'>;

export interface SourceReceipt {
  sourceId: string;
  sha256: string;
  createdAt: string;
}

export interface Registration {
  receipt: SourceReceipt;
  /** False when the same text was stored before: the answer is the stored source. */
  created: boolean;
}

export const sha256Of = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

const receiptOf = (event: StoredEvent): SourceReceipt => {
  const data = event.data as SourceRegisteredData;
  return { sourceId: data.sourceId, sha256: data.sha256, createdAt: event.recordedAt };
};

/**
 * Stores each distinct text once. The stream is named by the text's SHA-256, so two
 * registrations of one text race on the stream's expected version and only one can win.
 */
@Injectable()
export class SourceRegistry {
  constructor(private readonly store: EventStore, private readonly projections: ProjectionEngine) {}

  /** The source stored with this very text, if any. */
  async lookup(text: string): Promise<SourceReceipt | undefined> {
    const [registered] = await this.store.readStream(sourceStreamId(sha256Of(text)));
    return registered ? receiptOf(registered) : undefined;
  }

  /** Stores the source unless its text is stored already; `sourceId` lets a caller name it first. */
  async register(source: NewSource, context: WriteContext, sourceId: string = uuidv7()): Promise<Registration> {
    const sha256 = sha256Of(source.text);
    const streamId = sourceStreamId(sha256);
    const existing = await this.store.readStream(streamId);
    if (existing.length > 0) return { receipt: receiptOf(existing[0]), created: false };

    const data: SourceRegisteredData = { ...source, sourceId, sha256 };
    try {
      const { events } = await this.store.append(
        streamId,
        [{ eventId: uuidv7(), type: SOURCE_REGISTERED, schemaVersion: SOURCE_EVENT_SCHEMA_VERSION, data, source: null, confidence: null, ...context }],
        NO_STREAM,
      );
      await this.projections.waitFor(events[0].globalPosition);
      return { receipt: receiptOf(events[0]), created: true };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersion)) throw error;
      const [winner] = await this.store.readStream(streamId);
      return { receipt: receiptOf(winner), created: false };
    }
  }
}
