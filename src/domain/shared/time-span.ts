import { Problem } from './problem';

/**
 * When something happened, with how precisely the source dates it (as ACLED and UCDP do):
 * `morning`, `afternoon` and `evening` are parts of one day; `range` is somewhere between
 * start and end, known no better.
 */
export const TIME_PRECISIONS = ['exact', 'hour', 'morning', 'afternoon', 'evening', 'night', 'day', 'week', 'month', 'year', 'range'] as const;
export type TimePrecision = (typeof TIME_PRECISIONS)[number];

export interface TimeSpan {
  start: string;
  end: string;
  precision: TimePrecision;
}

const PARTS_OF_A_DAY: readonly TimePrecision[] = ['morning', 'afternoon', 'evening'];
const ONE_DAY_MS = 24 * 60 * 60 * 1000;

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

const parse = (value: unknown): number => (typeof value === 'string' && ISO_DATE_TIME.test(value) ? Date.parse(value) : Number.NaN);

export function timeSpanProblems(span: TimeSpan): Problem[] {
  if (typeof span !== 'object' || span === null) return [{ path: '', reason: 'must be an object { start, end, precision }' }];
  const start = parse(span.start);
  const end = parse(span.end);
  if (Number.isNaN(start)) return [{ path: 'start', reason: 'must be an ISO 8601 date-time with an offset' }];
  if (Number.isNaN(end)) return [{ path: 'end', reason: 'must be an ISO 8601 date-time with an offset' }];
  if (start > end) return [{ path: 'end', reason: 'must not be before start' }];
  if (PARTS_OF_A_DAY.includes(span.precision) && end - start > ONE_DAY_MS) {
    return [{ path: 'end', reason: `must be within a day of start: ${span.precision} is a part of one day` }];
  }
  return [];
}
