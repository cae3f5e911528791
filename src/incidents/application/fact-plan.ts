import { v7 as uuidv7 } from 'uuid';
import { ProposedFact } from '../../domain/incident/decide';
import { FactType, incidentStreamId } from '../../domain/incident/incident-events';
import { requestDataInCurrentShape } from '../../domain/incident/event-catalogue';
import { Confidence, DEFAULT_CONFIDENCE } from '../../domain/shared/confidence';
import { Problem } from '../../domain/shared/problem';
import { Provenance } from '../../domain/shared/provenance';
import { isSameEvent } from '../../event-store/event-identity';
import { StoredEvent } from '../../event-store/event-store.port';
import { toEventToAppend } from '../../log/incident-log-events';
import { Conflict, InvalidInput } from '../../application/application-errors';

export interface RequestedFact {
  eventId?: string;
  type: FactType;
  data: object;
  source: Provenance;
  confidence?: Confidence;
}

/** The request split into events stored before (a retry) and new ones, with their request index. */
export interface FactPlan {
  fresh: { index: number; fact: ProposedFact }[];
  stored: Map<number, StoredEvent>;
}

/**
 * An event id already in the incident with the same content is not stored again (the answer
 * reports the stored event); with other content it is a conflict.
 */
export function planFacts(
  incidentId: string,
  stream: readonly StoredEvent[],
  requested: readonly RequestedFact[],
  path = 'events',
  makeId: () => string = uuidv7,
): FactPlan {
  const byId = new Map(stream.map((e) => [e.eventId, e]));
  const plan: FactPlan = { fresh: [], stored: new Map() };
  const firstUse = new Map<string, number>();
  requested.forEach((request, index) => {
    if (request.eventId === undefined) return;
    const earlier = firstUse.get(request.eventId);
    if (earlier !== undefined) throw new InvalidInput([{ path: `${path}.${index}.eventId`, reason: `repeats ${path}.${earlier}.eventId: each event of a request needs its own id` }]);
    firstUse.set(request.eventId, index);
  });
  requested.forEach((request, index) => {
    const fact = {
      eventId: request.eventId ?? makeId(),
      type: request.type,
      data: requestDataInCurrentShape(request.type, plain(request.data)),
      source: { sourceId: request.source.sourceId, excerpt: request.source.excerpt },
      confidence: request.confidence ?? DEFAULT_CONFIDENCE,
    } as ProposedFact;
    const existing = byId.get(fact.eventId);
    if (!existing) return plan.fresh.push({ index, fact });
    const comparable = toEventToAppend(fact, { recordedBy: '', correlationId: null, causationId: null });
    if (!isSameEvent(existing, incidentStreamId(incidentId), comparable)) {
      throw new Conflict(`${path}.${index}.eventId ${fact.eventId} is already stored with other content`);
    }
    plan.stored.set(index, existing);
  });
  return plan;
}

/** Problems found on the fresh events name them by their index in the request. */
export function renumberProblems(problems: Problem[], plan: FactPlan, prefix = 'events'): Problem[] {
  return problems.map((problem) => {
    const match = /^events\.(\d+)(.*)$/.exec(problem.path);
    if (!match) return { ...problem, path: `${prefix}${problem.path ? `.${problem.path}` : ''}` };
    return { ...problem, path: `${prefix}.${plan.fresh[Number(match[1])].index}${match[2]}` };
  });
}

/** DTO instances become plain JSON data: that is what the log stores and compares. */
export const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value));
