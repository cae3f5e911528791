import { Problem } from './problem';

/**
 * A count as sources give it (as the UCDP dataset does): any of a low bound, a best figure and a
 * high bound, at least one. "plusieurs" is `{ low: 2 }`; nothing is filled in that the source
 * did not say. `null` means the same as absent (a read's nulls may be sent back as they are).
 */
export interface Estimate {
  low?: number | null;
  best?: number | null;
  high?: number | null;
}

/** How reads show an estimate: all three keys, null where the source gave no figure. */
export interface CompleteEstimate {
  low: number | null;
  best: number | null;
  high: number | null;
}

const BOUNDS = ['low', 'best', 'high'] as const;

const given = (value: number | null | undefined): value is number => value !== null && value !== undefined;

export function estimateProblems(estimate: Estimate): Problem[] {
  if (typeof estimate !== 'object' || estimate === null || Array.isArray(estimate)) {
    return [{ path: '', reason: 'must be an object { low?, best?, high? }' }];
  }
  const problems: Problem[] = [];
  for (const key of BOUNDS) {
    const value = estimate[key];
    if (given(value) && !(Number.isSafeInteger(value) && value >= 0)) problems.push({ path: key, reason: 'must be an integer ≥ 0' });
  }
  if (problems.length > 0) return problems;
  const { low, best, high } = estimate;
  if (!given(low) && !given(best) && !given(high)) return [{ path: '', reason: 'must give at least one of low, best, high' }];
  if (given(low) && given(best) && low > best) problems.push({ path: 'low', reason: 'must be ≤ best' });
  if (given(high) && given(best) && high < best) problems.push({ path: 'high', reason: 'must be ≥ best' });
  if (given(low) && given(high) && low > high) problems.push({ path: 'low', reason: 'must be ≤ high' });
  return problems;
}

export const completeEstimate = (estimate: Estimate): CompleteEstimate => ({
  low: estimate.low ?? null,
  best: estimate.best ?? null,
  high: estimate.high ?? null,
});

/**
 * What one report adds to a tally, never turning a missing figure into a number: its low is
 * `low ?? best ?? 0`, its high `high ?? best` or unbounded (null) when neither is given.
 */
export interface TallyFigures {
  low: number;
  best: number | null;
  high: number | null;
}

export const tallyFigures = (estimate: Estimate): TallyFigures => ({
  low: estimate.low ?? estimate.best ?? 0,
  best: estimate.best ?? null,
  high: estimate.high ?? estimate.best ?? null,
});
