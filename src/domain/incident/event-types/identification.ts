import { Problem } from '../../shared/problem';
import { EventTypeEntry, RuleContext, attributionOf, noIncidents, noRules, shownThroughOthers } from '../event-type';
import { decisionOf, findFact, isInForce } from '../incident-state';

export const IDENTIFICATION_FATES = ['killed', 'neutralised', 'captured', 'surrendered', 'unknown'] as const;

/**
 * "très probablement" among the dead: a person to be identified. An unnamed deputy is a `role`
 * with no `person`. Its eventId is the identification's id.
 */
export interface IdentificationPendingData {
  person?: string | null;
  role?: string | null;
  group?: string | null;
  fate?: (typeof IDENTIFICATION_FATES)[number] | null;
}

export interface IdentificationDecisionData {
  identificationId: string;
}

const named = (value: string | null | undefined) => typeof value === 'string' && value.trim() !== '';

export const identificationPending: EventTypeEntry<IdentificationPendingData> = {
  schemaVersion: 1,
  upcasters: [],
  invariants: (data) => (named(data.person) || named(data.role) ? [] : [{ path: 'person', reason: 'is required when no role is given' }]),
  rules: noRules,
  correctable: true,
  referencedIncidents: noIncidents,
  show: ({ data, record }, view) => {
    const { decision } = record;
    const { eventId: _identificationId, corrections, ...attribution } = attributionOf(record);
    view.identifications.push({
      identificationId: record.eventId,
      person: data.person ?? null,
      role: data.role ?? null,
      group: data.group ?? null,
      fate: data.fate ?? null,
      status: decision ? (decision.type === 'IdentificationConfirmed' ? 'confirmed' : 'refuted') : 'pending',
      ...attribution,
      corrections,
      decidedBy: decision?.eventId ?? null,
      decidedAt: decision?.recordedAt ?? null,
      decisionSource: decision?.source ?? null,
    });
  },
};

/** A decision needs an identification of the incident, in force and still pending. */
function pendingIdentificationProblems(data: IdentificationDecisionData, { state }: RuleContext): Problem[] {
  const path = 'identificationId';
  const { identificationId } = data;
  const identification = findFact(state, identificationId);
  if (!identification || identification.type !== 'IdentificationPending') {
    return [{ path, reason: `names no identification of this incident (${identificationId})` }];
  }
  if (!isInForce(identification)) return [{ path, reason: `names identification ${identificationId}, which was retracted` }];
  const decided = decisionOf(state, identificationId);
  return decided ? [{ path, reason: `names identification ${identificationId}, which is no longer pending (${decided.type})` }] : [];
}

/** A decision changes how the identification reads; it is retracted and made again, never corrected. */
const decision: EventTypeEntry<IdentificationDecisionData> = {
  schemaVersion: 1,
  upcasters: [],
  invariants: () => [],
  rules: pendingIdentificationProblems,
  correctable: false,
  referencedIncidents: noIncidents,
  show: shownThroughOthers,
};

export const identificationConfirmed = decision;
export const identificationRefuted = decision;

