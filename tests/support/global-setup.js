/**
 * Once per `jest` run: builds the server when stale (the child-process suites start
 * `dist/main.js`) and saves the OpenAPI document it serves, which `openapi-answers.ts` checks
 * every e2e answer against. The test apps run TypeScript through SWC, without the swagger
 * compiler plugin, so their own /docs-json lacks what the plugin adds.
 */
const { execFileSync } = require('node:child_process');
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

module.exports = async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'incident-log-openapi-')), 'openapi.json');
  execFileSync(process.execPath, [join(__dirname, '../../scripts/openapi-document.mjs'), '--out', file], { stdio: 'inherit' });
  process.env.OPENAPI_DOCUMENT_FILE = file;
};
