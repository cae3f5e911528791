import { INestApplicationContext } from '@nestjs/common';
import { newAccessKey } from '../access/access-key';
import { AccessKeyTable } from '../access/access-key-table';
import { Role } from '../access/caller';
import { CliFailure } from './cli-commands';

/** Prints what the key is for, then the key alone on the last line (for `| tail -1`): it is never shown again. */
export async function createKey(app: INestApplicationContext, name: string, role: Role, print: (line: string) => void): Promise<void> {
  const made = newAccessKey();
  await app.get(AccessKeyTable).insert({ id: made.id, name, role, digest: made.digest }, new Date().toISOString());
  print(`created the key "${name}" (role ${role}, id ${made.id}); only its hash is stored, so copy it now: it is not shown again`);
  print(made.key);
}

export async function listKeys(app: INestApplicationContext, print: (line: string) => void): Promise<void> {
  const keys = await app.get(AccessKeyTable).list();
  if (keys.length === 0) {
    print('no access keys: the server runs in local mode (every caller is "local", on 127.0.0.1 only)');
    return;
  }
  const rows = [
    ['NAME', 'ROLE', 'CREATED', 'LAST USED', 'STATUS'],
    ...keys.map((k) => [k.name, k.role, k.createdAt, k.lastUsedAt ?? 'never', k.revokedAt === null ? 'active' : `revoked ${k.revokedAt}`]),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  for (const row of rows) print(row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd());
}

export async function revokeKey(app: INestApplicationContext, name: string, print: (line: string) => void): Promise<void> {
  const outcome = await app.get(AccessKeyTable).revoke(name, new Date().toISOString());
  if (outcome === 'unknown') throw new CliFailure(`no key is named "${name}" (see: keys list)`);
  print(outcome === 'revoked' ? `revoked the key "${name}": a running server refuses it within a second` : `the key "${name}" was revoked already`);
}
