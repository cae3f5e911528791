/** How strongly the source asserts a fact. `confirmed`: stated without hedging. */
export const CONFIDENCE_LEVELS = ['confirmed', 'probable', 'possible', 'unverified'] as const;
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];

export const DEFAULT_CONFIDENCE: Confidence = 'confirmed';
