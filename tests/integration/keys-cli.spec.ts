/**
 * `keys create | list | revoke` as a user runs them: the built command line in a child process, on
 * SQLite and on PostgreSQL, with the database read directly to see what is stored; and the built
 * server's start in local mode.
 */
import Database from 'better-sqlite3';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { RunningApp, http, startApp } from '../support/app';
import { bearer, eventually, readStatus } from '../support/keys';
import { createTestDatabase } from '../support/postgres';

const ROOT = join(__dirname, '../..');
const KEY_LINE = /^ilk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a built entry point to its end (or until `until` says so, then stops it) and answers what it printed. */
function run(entry: 'cli.js' | 'main.js', args: string[], env: Record<string, string>, until?: (stdout: string) => boolean): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'dist', entry), ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (until?.(stdout)) child.kill('SIGTERM');
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

interface Store {
  env: Record<string, string>;
  rows(): Promise<Record<string, unknown>[]>;
  drop(): Promise<void>;
}

async function sqliteStore(): Promise<Store> {
  const folder = mkdtempSync(join(tmpdir(), 'incident-log-keys-'));
  return {
    env: { DATA_DIR: folder, EVENT_STORE: 'sqlite' },
    async rows() {
      const db = new Database(join(folder, 'incident-log.sqlite'), { readonly: true });
      try {
        return db.prepare('SELECT * FROM access_keys').all() as Record<string, unknown>[];
      } finally {
        db.close();
      }
    },
    drop: async () => rmSync(folder, { recursive: true, force: true }),
  };
}

async function postgresStore(): Promise<Store> {
  const database = await createTestDatabase();
  const folder = mkdtempSync(join(tmpdir(), 'incident-log-keys-'));
  return {
    env: { DATA_DIR: folder, EVENT_STORE: 'postgres', DATABASE_URL: database.url },
    async rows() {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        return (await client.query('SELECT * FROM access_keys')).rows;
      } finally {
        await client.end();
      }
    },
    async drop() {
      await database.drop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

beforeAll(() => {
  // The tests run what `npm run cli` runs: the build, made fresh if a source is newer.
  execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--if-stale'], { cwd: ROOT, stdio: 'inherit', timeout: 300_000 });
}, 300_000);

describe.each([
  ['SQLite', sqliteStore],
  ['PostgreSQL', postgresStore],
])('keys on %s', (_name, openStore) => {
  let store: Store;
  let anaKey: string;
  const keys = (...args: string[]) => run('cli.js', ['keys', ...args], store.env);

  beforeAll(async () => {
    store = await openStore();
  });
  afterAll(() => store.drop());

  it('create prints the key alone on the last line, and the database holds only its SHA-256 digest', async () => {
    const created = await keys('create', '--name', 'ana', '--role', 'recorder');
    expect([created.code, created.stderr]).toEqual([0, '']);
    const lines = created.stdout.trimEnd().split('\n');
    anaKey = lines[lines.length - 1];
    expect(anaKey).toMatch(KEY_LINE);
    expect(lines.slice(0, -1).join('\n')).not.toContain(anaKey.slice(-43));

    const rows = await store.rows();
    expect(rows).toEqual([expect.objectContaining({ name: 'ana', role: 'recorder', digest: sha256(anaKey), revoked_at: null })]);
    expect(JSON.stringify(rows)).not.toContain(anaKey.slice(-43));
  });

  it('list shows name, role, when made and when last used, never the key or its digest', async () => {
    const listed = await keys('list');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^NAME +ROLE +CREATED +LAST USED +STATUS\nana +recorder +\d{4}-\d\d-\d\dT[\d:.]+Z +never +active\n$/);
    expect(listed.stdout).not.toContain(anaKey.slice(-43));
    expect(listed.stdout).not.toContain(sha256(anaKey));
  });

  it('a name taken is a usage error (exit 2) with a message, and nothing is stored', async () => {
    const again = await keys('create', '--name', 'ana', '--role', 'admin');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('a key named "ana" exists already');
    expect(again.stdout).toBe('');
    expect(await store.rows()).toHaveLength(1);
  });

  it.each([
    [['create', '--name', 'Ana Maria', '--role', 'reader'], /--name.*is invalid.*lowercase letters, digits/],
    [['create', '--name', 'local', '--role', 'reader'], /kept for local mode/],
    [['create', '--name', 'x'.repeat(65), '--role', 'reader'], /1 to 64 characters/],
    [['create', '--name', 'bo', '--role', 'owner'], /--role.*Allowed choices are reader, recorder, admin/],
    [['create', '--name', 'bo'], /required option '--role <role>' not specified/],
    [['revoke'], /missing required argument 'name'/],
  ])('keys %j is a usage error (exit 2) saying why', async (args, message) => {
    const answer = await keys(...args);
    expect(answer.code).toBe(2);
    expect(answer.stderr).toMatch(message);
  });

  it('a key made and then revoked with the command line reaches a running server each time', async () => {
    const server: RunningApp = await startApp(store.env);
    try {
      const created = await keys('create', '--name', 'bo', '--role', 'reader');
      const key = created.stdout.trimEnd().split('\n').pop()!;
      await eventually('the server accepts the new key', async () => (await readStatus(server, bearer(key))) === 200, 10_000);
      const revoked = await keys('revoke', 'bo');
      expect([revoked.code, revoked.stdout]).toEqual([0, 'revoked the key "bo": a running server refuses it within a second\n']);
      await eventually('the server refuses the revoked key', async () => (await readStatus(server, bearer(key))) === 401, 10_000);
        const answer = await http(server.baseUrl, 'GET', '/projections', { headers: bearer(key) });
      expect(answer.body.message).toEqual(['Authorization: the key "bo" was revoked']);
    } finally {
      await server.close();
    }
  });

  it('list shows a revoked key as revoked, and when a key was last used', async () => {
    const server = await startApp(store.env);
    try {
      await eventually('the server accepts ana', async () => (await readStatus(server, bearer(anaKey))) === 200, 30_000);
      // Written after the answer, without delaying it.
      await eventually('ana is last used', async () => (await store.rows()).find((r) => r.name === 'ana')!.last_used_at !== null, 30_000);
    } finally {
      await server.close();
    }
    const listed = await keys('list');
    expect(listed.stdout).toMatch(/\nana +recorder +\S+ +\d{4}-\d\d-\d\dT[\d:.]+Z +active\n/);
    expect(listed.stdout).toMatch(/\nbo +reader +\S+ +\S+ +revoked \d{4}-\d\d-\d\dT[\d:.]+Z\n/);
  });

  it('revoking a name no key has fails (exit 1); revoking twice says so (exit 0)', async () => {
    const unknown = await keys('revoke', 'nobody');
    expect([unknown.code, unknown.stderr]).toEqual([1, 'no key is named "nobody" (see: keys list)\n']);
    const twice = await keys('revoke', 'bo');
    expect([twice.code, twice.stdout]).toEqual([0, 'the key "bo" was revoked already\n']);
  });
});

describe('keys --help', () => {
  it.each(['keys', 'keys create', 'keys list', 'keys revoke'])('%s --help describes the command (exit 0)', async (command) => {
    const answer = await run('cli.js', [...command.split(' '), '--help'], {});
    expect(answer.code).toBe(0);
    expect(answer.stdout).toMatch(new RegExp(`^Usage: incident-log ${command}`));
    expect(answer.stdout.split('\n')[2].length).toBeGreaterThan(20);
  });
});

/** The `msg` of each JSON line the server logged. */
const logMessages = (stdout: string): string[] =>
  stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => String(JSON.parse(line).msg));

describe('the built server without keys (local mode)', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'incident-log-local-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  const port = () => String(20000 + Math.floor(Math.random() * 20000));

  it('listens on 127.0.0.1 and says it runs in local mode', async () => {
    const started = await run('main.js', [], { DATA_DIR: folder, PORT: port() }, (out) => out.includes('local mode'));
    const messages = logMessages(started.stdout);
    expect(messages).toContainEqual(expect.stringMatching(/listening on http:\/\/127\.0\.0\.1:\d+/));
    expect(messages).toContainEqual(expect.stringMatching(/local mode: no access key exists, so every caller is "local" with every role, and the server listens on 127\.0\.0\.1 only/));
  });

  it('refuses to start on an address other machines reach: one line, exit 1', async () => {
    const refused = await run('main.js', [], { DATA_DIR: folder, PORT: port(), HOST: '0.0.0.0' });
    expect(refused.code).toBe(1);
    expect(refused.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^configuration: HOST=0\.0\.0\.0 is not a loopback address and no access key exists/)]);
  });

  it('starts on such an address once a key exists, and says how many keys are active', async () => {
    const created = await run('cli.js', ['keys', 'create', '--name', 'ops', '--role', 'admin'], { DATA_DIR: folder });
    expect(created.code).toBe(0);
    const started = await run('main.js', [], { DATA_DIR: folder, PORT: port(), HOST: '0.0.0.0' }, (out) => out.includes('active key'));
    const messages = logMessages(started.stdout);
    expect(messages).toContainEqual(expect.stringMatching(/listening on http:\/\/0\.0\.0\.0:\d+/));
    expect(messages).toContainEqual(expect.stringMatching(/access: 1 active key\(s\)/));
  });
});
