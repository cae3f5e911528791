import { createHash } from 'node:crypto';

/** The value with every object's keys in order, so that `{a,b}` and `{b,a}` are the same request. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
  );
}

/** What makes two requests the same request: method, path and body (SHA-256, hex). */
export function requestFingerprint(method: string, url: string, body: unknown): string {
  return createHash('sha256').update(JSON.stringify([method, url, canonical(body ?? null)])).digest('hex');
}
