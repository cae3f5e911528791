import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/*
 * A key reads `ilk_<id>_<secret>`: a prefix that secret scanners and people recognise, a public id
 * (16 hex digits) by which the server finds the key's row, and 32 random bytes in base64url.
 * The secret is random and 256 bits long, so a fast SHA-256 digest is as safe to store as a slow
 * password hash would be, and costs a microsecond instead of tens of milliseconds per request.
 */
const PREFIX = 'ilk_';
const KEY_SHAPE = /^ilk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export interface NewAccessKey {
  id: string;
  /** The whole key, shown once to its owner and never stored. */
  key: string;
  digest: string;
}

export const digestOf = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

export function newAccessKey(): NewAccessKey {
  const id = randomBytes(8).toString('hex');
  const key = `${PREFIX}${id}_${randomBytes(32).toString('base64url')}`;
  return { id, key, digest: digestOf(key) };
}

/** The id a key names, or null when the text cannot be a key. */
export function keyIdOf(key: string): string | null {
  return KEY_SHAPE.exec(key)?.[1] ?? null;
}

/** Whether `key` is the one whose digest is stored, in time that does not depend on where they differ. */
export function matchesDigest(key: string, storedDigest: string): boolean {
  const given = Buffer.from(digestOf(key), 'hex');
  const stored = Buffer.from(storedDigest, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** Names end up in every event's `recordedBy`: short, plain, and never the local mode's `local`. */
const NAME_SHAPE = /^[a-z0-9][a-z0-9._@-]{0,63}$/;
export const KEY_NAME_RULE = '1 to 64 characters: lowercase letters, digits, ".", "_", "@" or "-", starting with a letter or digit';

/** Why `name` cannot name a key, or null when it can. */
export function keyNameProblem(name: string): string | null {
  if (!NAME_SHAPE.test(name)) return `a key name must be ${KEY_NAME_RULE}`;
  if (name === 'local') return 'the name "local" is kept for local mode and the command line';
  return null;
}
