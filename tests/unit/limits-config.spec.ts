import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/app-config';

describe('RATE_LIMIT_PER_MINUTE and CORS_ORIGINS', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'incident-log-config-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const load = (env: Record<string, string>) => loadConfig({ DATA_DIR: dataDir, ...env });

  it('leaves both unset by default: no configured rate limit, CORS off', () => {
    expect(load({})).toMatchObject({ rateLimitPerMinute: null, corsOrigins: [] });
  });

  it('reads a rate limit and a list of origins', () => {
    expect(load({ RATE_LIMIT_PER_MINUTE: '120', CORS_ORIGINS: 'https://a.example, http://localhost:8080' })).toMatchObject({
      rateLimitPerMinute: 120,
      corsOrigins: ['https://a.example', 'http://localhost:8080'],
    });
  });

  it.each(['0', '-5', '1.5', 'many', '1e3'])('stops the start on RATE_LIMIT_PER_MINUTE=%s, naming the variable', (value) => {
    expect(() => load({ RATE_LIMIT_PER_MINUTE: value })).toThrow(new ConfigError(`RATE_LIMIT_PER_MINUTE must be a whole number of requests (1-1000000000), got "${value}"`));
  });

  it.each(['a.example', 'https://a.example/app', 'ftp://a.example', '*', 'https://a.example,'])('stops the start on CORS_ORIGINS=%s, naming the variable', (value) => {
    expect(() => load({ CORS_ORIGINS: value })).toThrow(/^CORS_ORIGINS must be a comma-separated list of origins such as https:\/\/example\.org, got /);
  });
});
