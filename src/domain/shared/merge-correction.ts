type Plain = Record<string, unknown>;

export const isPlainObject = (value: unknown): value is Plain =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A correction names only the fields it changes. Nested objects (a count, a location) merge
 * field by field so `{ count: { best: 8 } }` keeps the bounds; arrays and scalars are replaced.
 */
export function mergeCorrection<T>(original: T, correction: Plain): T {
  if (!isPlainObject(original)) return correction as T;
  const merged: Plain = { ...original };
  for (const [key, value] of Object.entries(correction)) {
    merged[key] = isPlainObject(value) && isPlainObject(merged[key]) ? mergeCorrection(merged[key], value) : value;
  }
  return merged as T;
}
