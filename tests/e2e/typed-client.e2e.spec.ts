import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { walkThrough } from '../../examples/client';
import { RunningApp, startApp } from '../support/app';

describe('the typed client (examples/client.ts)', () => {
  let server: RunningApp;

  beforeAll(async () => {
    server = await startApp();
  });
  afterAll(() => server.close());

  it('walks through register, open, record, read and history against the server', async () => {
    const result = await walkThrough(server.baseUrl);
    expect(result.version).toBe(2);
    // "les terroristes neutralisés": several, no more, so at least 2, no best, no upper bound.
    expect(result.hostileNeutralised).toEqual({ low: 2, best: null, high: null });
    expect(result.revisions.map((revision) => revision.type)).toEqual(['IncidentOpened', 'CasualtiesReported']);
    expect(result.revisions.every((revision) => revision.changes > 0)).toBe(true);
  });

  it('uses types that match the served OpenAPI document (npm run client:types writes them)', () => {
    const check = () => execFileSync(process.execPath, [join(__dirname, '../../scripts/client-types.mjs'), '--check', process.env.OPENAPI_DOCUMENT_FILE!], { stdio: 'pipe' });
    expect(check).not.toThrow();
  });
});
