import { Problem } from './problem';

/** When something happened, with how precisely the source dates it (as ACLED and UCDP do). */
export const TIME_PRECISIONS = ['exact', 'hour', 'night', 'day', 'week', 'month', 'year'] as const;
export type TimePrecision = (typeof TIME_PRECISIONS)[number];

export interface TimeSpan {
  start: string;
  end: string;
  precision: TimePrecision;
}

export function timeSpanProblems(span: TimeSpan): Problem[] {
  const start = Date.parse(span.start);
  const end = Date.parse(span.end);
  if (Number.isNaN(start)) return [{ path: 'start', reason: 'must be an ISO 8601 date-time' }];
  if (Number.isNaN(end)) return [{ path: 'end', reason: 'must be an ISO 8601 date-time' }];
  return start <= end ? [] : [{ path: 'end', reason: 'must not be before start' }];
}
