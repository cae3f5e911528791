export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

/** Printable ASCII only: the key is an opaque token a client makes (a UUID, say), not text. */
const PRINTABLE = /^[\x20-\x7e]+$/;

/** The key a request carries, undefined when it has none, or why the header cannot be a key. */
export function idempotencyKeyOf(header: string | string[] | undefined): { key?: string; problem?: string } {
  if (header === undefined) return {};
  if (Array.isArray(header)) return { problem: 'Idempotency-Key must be sent once' };
  if (header.length === 0) return { problem: 'Idempotency-Key must not be empty' };
  if (header.length > MAX_IDEMPOTENCY_KEY_LENGTH) return { problem: `Idempotency-Key must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters` };
  if (!PRINTABLE.test(header)) return { problem: 'Idempotency-Key must hold printable ASCII characters only' };
  return { key: header };
}
