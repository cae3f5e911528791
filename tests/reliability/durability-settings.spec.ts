import { ConfigError, loadConfig } from '../../src/config/app-config';
import { openStorage } from '../../src/infrastructure/storage';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { buildIfStale } from '../support/child-server';
import { freePort } from '../support/postgres';
import { tempDatabase } from '../support/reliability';

/** SQLite's numbers for its `synchronous` settings. */
const NORMAL = 1;
const FULL = 2;

describe('SQLITE_SYNCHRONOUS: when an acknowledged SQLite commit reaches the disk', () => {
  const folder = tempDatabase();
  afterAll(() => folder.remove());

  it('syncs every commit (FULL) unless told normal', () => {
    expect(loadConfig({ DATA_DIR: folder.dir }).sqliteSynchronous).toBe('full');
    expect(loadConfig({ DATA_DIR: folder.dir, SQLITE_SYNCHRONOUS: 'normal' }).sqliteSynchronous).toBe('normal');
    expect(loadConfig({ DATA_DIR: folder.dir, SQLITE_SYNCHRONOUS: 'FULL' }).sqliteSynchronous).toBe('full');
  });

  it.each([['full', FULL], ['normal', NORMAL]] as const)('opens the store with synchronous = %s', async (setting, expected) => {
    const storage = await openStorage(loadConfig({ DATA_DIR: folder.dir, SQLITE_SYNCHRONOUS: setting }));
    try {
      expect(await storage.readModels.reader.get('PRAGMA synchronous')).toEqual({ synchronous: expected });
    } finally {
      await storage.close();
    }
  });

  it.each(['off', 'extra', '2', ' full'])('refuses SQLITE_SYNCHRONOUS=%j naming the variable', (value) => {
    expect(() => loadConfig({ DATA_DIR: folder.dir, SQLITE_SYNCHRONOUS: value })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: folder.dir, SQLITE_SYNCHRONOUS: value })).toThrow(/^SQLITE_SYNCHRONOUS must be one of full, normal/);
  });

  it('stops the built server at start with one line naming the variable (exit 1)', async () => {
    buildIfStale();
    const started = spawnSync(process.execPath, ['dist/main.js'], {
      cwd: path.resolve(__dirname, '..', '..'),
      env: { PATH: process.env.PATH ?? '', DATA_DIR: folder.dir, PORT: String(await freePort()), SQLITE_SYNCHRONOUS: 'off' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect({ status: started.status, stderr: started.stderr.trim() }).toEqual({ status: 1, stderr: 'configuration: SQLITE_SYNCHRONOUS must be one of full, normal, got "off"' });
  }, 180_000);
});
