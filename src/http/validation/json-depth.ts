/** Deeper than any request the API takes (an import nests about 8 levels), shallow enough for any recursive walk. */
export const MAX_JSON_DEPTH = 32;

/**
 * Whether a parsed JSON value nests objects and arrays more than `limit` levels deep. The walk
 * stops one level past the limit, so a hostile body of thousands of levels costs no more than that.
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (limit === 0) return true;
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.some((child) => nestsDeeperThan(child, limit - 1));
}
