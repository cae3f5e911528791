/**
 * What a user's tools say of the served OpenAPI document: two third-party validators must
 * accept it, as the test app serves it and as the built server (`npm start`) serves it — the
 * build adds the swagger compiler plugin's metadata, which the test app does not have.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, startApp } from '../support/app';

const BUILT_SERVER = join(__dirname, '../../dist/main.js');

const VALIDATORS = join(__dirname, '../support/validate-openapi.mjs');

function expectValid(document: object): void {
  const verdict = JSON.parse(execFileSync(process.execPath, [VALIDATORS], { input: JSON.stringify(document) }).toString('utf8'));
  expect(verdict).toEqual({ swaggerParser: null, schemaValidator: null });
}

/** The built server on a free port over a new folder; resolves with its base URL once it answers. */
async function startBuiltServer(): Promise<{ baseUrl: string; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'incident-log-built-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child: ChildProcess = spawn(process.execPath, [BUILT_SERVER], { env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), EVENT_STORE: 'sqlite' }, stdio: 'ignore' });
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
    rmSync(dataDir, { recursive: true, force: true });
  };
  for (let attempt = 0; attempt < 300; attempt++) {
    if (child.exitCode !== null) break;
    const up = await fetch(`${baseUrl}/health`).then((r) => r.ok).catch(() => false);
    if (up) return { baseUrl, stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error('the built server did not start');
}

describe('the OpenAPI document, checked by third-party validators', () => {
  it('@apidevtools/swagger-parser and @seriousme/openapi-schema-validator accept the document the app serves', async () => {
    const server = await startApp();
    try {
      expectValid((await http(server.baseUrl, 'GET', '/docs-json')).body);
    } finally {
      await server.close();
    }
  });

  const builtIt = existsSync(BUILT_SERVER) ? it : it.skip;
  if (!existsSync(BUILT_SERVER)) console.warn(`skipped: the built server's document (${BUILT_SERVER} is missing; npm install builds it)`);
  builtIt('both accept the document the built server serves (npm start)', async () => {
    const server = await startBuiltServer();
    try {
      expectValid((await http(server.baseUrl, 'GET', '/docs-json')).body);
    } finally {
      await server.stop();
    }
  });
});
