import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** In seed files a source text may be `@file:<name>`: the text is kept once, beside the JSON. */
const FILE_REFERENCE = /^@file:(.+)$/;

export async function readImportFile(path: string): Promise<unknown> {
  const document = JSON.parse(await readFile(path, 'utf8')) as { source?: { text?: unknown } };
  const reference = typeof document.source?.text === 'string' ? FILE_REFERENCE.exec(document.source.text) : null;
  if (reference && document.source) document.source.text = await readFile(resolve(dirname(path), reference[1]), 'utf8');
  return document;
}
