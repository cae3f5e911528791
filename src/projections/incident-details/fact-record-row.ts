import { FactRecord } from '../../domain/incident/incident-state';

/** Written in place of the fact's data or confidence when it is still as recorded (no correction in force changed it). */
const AS_RECORDED = 0;

type FactRecordRow = [
  eventId: string, type: FactRecord['type'], recordedData: unknown, data: unknown, source: FactRecord['source'],
  recordedConfidence: FactRecord['recordedConfidence'], confidence: FactRecord['confidence'] | typeof AS_RECORDED, version: number,
  recordedAt: string, recordedBy: string, retractedBy?: string | null, corrections?: FactRecord['corrections'], decision?: FactRecord['decision'],
];

/**
 * How `incident_facts.record` keeps a fact record: a JSON array in a fixed order instead of an
 * object (no key names), the data and confidence left out while they are as recorded (most facts
 * are never corrected: the data was written twice), and the trailing fields left out while they
 * hold their initial value. About half the bytes of the record as an object, and a rebuild writes
 * one such row per event.
 */
export function factRecordRow(fact: FactRecord): string {
  const row: FactRecordRow = [
    fact.eventId, fact.type, fact.recordedData, fact.data === fact.recordedData ? AS_RECORDED : fact.data, fact.source,
    fact.recordedConfidence, fact.confidence === fact.recordedConfidence ? AS_RECORDED : fact.confidence, fact.version, fact.recordedAt,
    fact.recordedBy,
  ];
  if (fact.decision !== null) row.push(fact.retractedBy, fact.corrections, fact.decision);
  else if (fact.corrections.length > 0) row.push(fact.retractedBy, fact.corrections);
  else if (fact.retractedBy !== null) row.push(fact.retractedBy);
  return JSON.stringify(row);
}

/** The fact record a row of `incident_facts` keeps, with its fields in the order the fold gives them. */
export function factRecordOfRow(record: string): FactRecord {
  const [eventId, type, recordedData, data, source, recordedConfidence, confidence, version, recordedAt, recordedBy, retractedBy, corrections, decision] =
    JSON.parse(record) as FactRecordRow;
  return {
    eventId, type, recordedData, data: data === AS_RECORDED ? recordedData : data, source, recordedConfidence,
    confidence: confidence === AS_RECORDED ? recordedConfidence : confidence, version, recordedAt, recordedBy,
    retractedBy: retractedBy ?? null, corrections: corrections ?? [], decision: decision ?? null,
  };
}
