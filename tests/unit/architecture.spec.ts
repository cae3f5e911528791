import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = resolve(__dirname, '../../src');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(folder, entry.name)) : entry.name.endsWith('.ts') ? [join(folder, entry.name)] : [],
  );
}

/** Every import of a file: packages by name, project files as paths relative to src/. */
function importsOf(file: string): string[] {
  const specifiers = [...readFileSync(file, 'utf8').matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
  return specifiers.map((s) => (s.startsWith('.') ? relative(SRC, resolve(dirname(file), s)) : s));
}

const layer = (folder: string) => sourceFiles(join(SRC, folder)).map((file) => ({ file: relative(SRC, file), imports: importsOf(file) }));

describe('the architecture', () => {
  it('keeps the domain pure: it imports only itself (no Nest, no I/O, no other layer)', () => {
    const leaks = layer('domain').flatMap(({ file, imports }) => imports.filter((i) => !i.startsWith('domain/')).map((i) => `${file} → ${i}`));
    expect(leaks).toEqual([]);
  });

  it('keeps the event store and the projections free of Nest and of the HTTP features', () => {
    const features = ['incidents/', 'sources/', 'imports/', 'stats/', 'identifications/', 'actors/', 'global-log/', 'health/', 'http/', '@nestjs/'];
    const leaks = [...layer('event-store'), ...layer('projections/engine'), ...layer('projections/shared')].flatMap(({ file, imports }) =>
      imports.filter((i) => features.some((f) => i.startsWith(f))).map((i) => `${file} → ${i}`),
    );
    expect(leaks).toEqual([]);
  });

  it('builds each read model from the log alone: no projection imports another projection', () => {
    const projections = readdirSync(join(SRC, 'projections'), { withFileTypes: true })
      .filter((e) => e.isDirectory() && !['engine', 'shared', 'http'].includes(e.name))
      .map((e) => e.name);
    const leaks = projections.flatMap((name) =>
      layer(`projections/${name}`).flatMap(({ file, imports }) =>
        imports
          .filter((i) => i.startsWith('projections/') && !i.startsWith(`projections/${name}/`))
          .filter((i) => !i.startsWith('projections/engine/') && !i.startsWith('projections/shared/'))
          .map((i) => `${file} → ${i}`),
      ),
    );
    expect(leaks).toEqual([]);
  });
});
