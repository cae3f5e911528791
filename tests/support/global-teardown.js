/** Once per `jest` run, after every suite: removes the folder global-setup.js saved the OpenAPI document in. */
const { rmSync } = require('node:fs');
const { dirname } = require('node:path');

module.exports = async () => {
  const file = process.env.OPENAPI_DOCUMENT_FILE;
  if (file) rmSync(dirname(file), { recursive: true, force: true });
};
