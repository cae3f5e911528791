#!/usr/bin/env node
/**
 * Prints the OpenAPI document that the built server (`npm start`) serves at /docs-json, building
 * it first when stale. The build's swagger compiler plugin fills the document from the DTO types;
 * this is the document users' tools read, and the one the tests check answers against.
 *
 *   node scripts/openapi-document.mjs [--out FILE]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--if-stale'], { stdio: ['ignore', 'ignore', 'inherit'] });

const require = createRequire(import.meta.url);
const { loadConfig } = require(join(root, 'dist/config/app-config.js'));
const { createApp } = require(join(root, 'dist/http/create-app.js'));

const dataDir = mkdtempSync(join(tmpdir(), 'incident-log-openapi-'));
try {
  const app = await createApp(loadConfig({ DATA_DIR: dataDir, EVENT_STORE: 'sqlite' }), 'silent');
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address();
  const document = await (await fetch(`http://127.0.0.1:${port}/docs-json`)).json();
  await app.close();
  const text = `${JSON.stringify(document, null, 2)}\n`;
  const out = process.argv.indexOf('--out');
  if (out > 0) writeFileSync(process.argv[out + 1], text);
  else process.stdout.write(text);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
