import { Role } from '../../src/access/caller';
import { createKey, revokeKey } from '../../src/cli/keys-commands';
import { RunningApp, http } from './app';

export const bearer = (key: string): Record<string, string> => ({ authorization: `Bearer ${key}` });

/**
 * Polls `condition` every 20 ms until it holds; answers how long that took, or fails after
 * `withinMs` saying what was awaited.
 */
export async function eventually(what: string, condition: () => Promise<boolean>, withinMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await condition()) return Date.now() - started;
    if (Date.now() - started > withinMs) throw new Error(`${what}: not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The status GET /projections answers with these headers. */
export const readStatus = async (server: RunningApp, headers: Record<string, string> = {}): Promise<number> =>
  (await http(server.baseUrl, 'GET', '/projections', { headers })).status;

/**
 * Makes a key as `keys create` does (in this process, on the server's own store) and answers it
 * once the running server knows it: it accepts the key and, out of local mode, refuses no key.
 */
export async function keyFor(server: RunningApp, name: string, role: Role): Promise<string> {
  const lines: string[] = [];
  await createKey(server.app, name, role, (line) => lines.push(line));
  const key = lines[lines.length - 1];
  await eventually(`the server accepts the new key "${name}"`, async () => (await readStatus(server)) === 401 && (await readStatus(server, bearer(key))) === 200, 30_000);
  return key;
}

/** Revokes a key as `keys revoke` does; answers how long until the running server refused it. */
export async function revoke(server: RunningApp, name: string, key: string, withinMs: number): Promise<number> {
  await revokeKey(server.app, name, () => undefined);
  return eventually(`the server refuses the revoked key "${name}"`, async () => (await readStatus(server, bearer(key))) === 401, withinMs);
}
