import { Problem } from './problem';

/** A count as sources give it: a best figure with optional bounds (as the UCDP dataset does). */
export interface Estimate {
  low?: number;
  best: number;
  high?: number;
}

export function estimateProblems(estimate: Estimate): Problem[] {
  if (typeof estimate !== 'object' || estimate === null) return [{ path: '', reason: 'must be an object { low?, best, high? }' }];
  const problems: Problem[] = [];
  for (const key of ['low', 'best', 'high'] as const) {
    const value = estimate[key];
    if (value !== undefined && !(Number.isInteger(value) && value >= 0)) {
      problems.push({ path: key, reason: 'must be an integer ≥ 0' });
    }
  }
  if (estimate.low !== undefined && estimate.low > estimate.best) {
    problems.push({ path: 'low', reason: 'must be ≤ best' });
  }
  if (estimate.high !== undefined && estimate.high < estimate.best) {
    problems.push({ path: 'high', reason: 'must be ≥ best' });
  }
  return problems;
}
