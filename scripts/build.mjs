#!/usr/bin/env node
/**
 * Builds src/ into dist/ as `nest build` did, without the Nest CLI (whose current versions need Node 22):
 * the TypeScript compiler on tsconfig.build.json, with the compiler plugins that nest-cli.json names
 * (the @nestjs/swagger plugin, which fills the OpenAPI document from the DTO types and comments).
 *
 * Then Vite builds the web view (web/, vite.config.mjs) into dist/web/public, which the server serves at /.
 *
 *   node scripts/build.mjs              build (dist/ emptied first); exit 1 on a compile error
 *   node scripts/build.mjs --if-stale   build only when dist/ is missing or older than a source file
 *   node scripts/build.mjs --prepare    as --if-stale, for `npm install`: a compile error is reported, not fatal
 *   node scripts/build.mjs --watch      build, then rebuild on every change and (re)start dist/main.js
 */
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tsconfigPath = join(root, 'tsconfig.build.json');
const outDir = join(root, 'dist');
/** Written after a build without errors: what --if-stale compares with the sources. */
const stamp = join(outDir, '.build-ok');
/** What a build depends on besides src/. */
const configFiles = ['tsconfig.json', 'tsconfig.build.json', 'nest-cli.json', 'package.json', 'vite.config.mjs'].map((f) => join(root, f));
const webIndex = join(outDir, 'web/public/index.html');

const args = new Set(process.argv.slice(2));
const watch = args.has('--watch');
const prepare = args.has('--prepare');
const ifStale = args.has('--if-stale') || prepare;

function newestSource(folder, newest = 0) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) newest = newestSource(path, newest);
    else newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function isFresh() {
  if (!existsSync(stamp) || !existsSync(join(outDir, 'cli.js')) || !existsSync(join(outDir, 'main.js')) || !existsSync(webIndex)) return false;
  const sources = configFiles
    .filter(existsSync)
    .reduce((newest, f) => Math.max(newest, statSync(f).mtimeMs), Math.max(newestSource(join(root, 'src')), newestSource(join(root, 'web'))));
  return statSync(stamp).mtimeMs >= sources;
}

if (ifStale && !watch && isFresh()) process.exit(0);

// Loaded only when a build is due: the freshness check above must stay fast.
const ts = (await import('typescript')).default;

async function loadPlugins() {
  const nestCli = join(root, 'nest-cli.json');
  const entries = existsSync(nestCli) ? (JSON.parse(readFileSync(nestCli, 'utf8')).compilerOptions?.plugins ?? []) : [];
  const plugins = [];
  for (const entry of entries) {
    const name = typeof entry === 'string' ? entry : entry.name;
    const options = typeof entry === 'string' ? {} : (entry.options ?? {});
    let plugin;
    try {
      plugin = await import(`${name}/plugin`);
    } catch {
      plugin = await import(name);
    }
    if (!plugin.before && !plugin.after && !plugin.afterDeclarations) throw new Error(`${name} is not a TypeScript compiler plugin`);
    plugins.push({ plugin, options });
  }
  return plugins;
}
const plugins = await loadPlugins();

/** The transformers `nest build` adds, each plugin given its options and the program. */
function transformers(program) {
  const hooks = (kind) => plugins.filter(({ plugin }) => plugin[kind]).map(({ plugin, options }) => plugin[kind]({ ...options }, program));
  return { before: hooks('before'), after: hooks('after'), afterDeclarations: hooks('afterDeclarations') };
}

const formatHost = {
  getCanonicalFileName: (path) => path,
  getCurrentDirectory: ts.sys.getCurrentDirectory,
  getNewLine: () => ts.sys.newLine,
};
const report = (diagnostics) => {
  if (diagnostics.length > 0) process.stderr.write(ts.formatDiagnosticsWithColorAndContext(diagnostics, formatHost));
};

function readConfig() {
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfigPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => report([d]) });
  if (!parsed) process.exit(1);
  if (parsed.errors.length > 0) {
    report(parsed.errors);
    process.exit(1);
  }
  return parsed;
}

/** The web view, with Vite's own API (vite.config.mjs says where from and where to). */
async function buildWeb() {
  const { build: viteBuild } = await import('vite');
  try {
    await viteBuild({ configFile: join(root, 'vite.config.mjs') });
    return true;
  } catch (error) {
    process.stderr.write(`web view: ${error.message}\n`);
    return false;
  }
}

async function build() {
  const { options, fileNames, projectReferences } = readConfig();
  rmSync(outDir, { recursive: true, force: true });
  const program = ts.createProgram({ rootNames: fileNames, options, projectReferences });
  const emitted = program.emit(undefined, undefined, undefined, undefined, transformers(program));
  const diagnostics = ts.sortAndDeduplicateDiagnostics([...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics]);
  report(diagnostics);
  if (diagnostics.length > 0) {
    process.stderr.write(`Found ${diagnostics.length} error(s).\n`);
    return false;
  }
  if (!(await buildWeb())) return false;
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
  return true;
}

function buildAndWatch() {
  let server = null;
  const restart = () => {
    const start = () => {
      server = spawn(process.execPath, [join(outDir, 'main.js')], { stdio: 'inherit' });
      server.on('exit', () => (server = null));
    };
    if (!server) return start();
    server.once('exit', start);
    server.kill('SIGTERM');
  };
  rmSync(outDir, { recursive: true, force: true });
  // The web view is built once; rebuild it with `npm run build` after changing web/.
  void buildWeb();
  let failed = false;
  const host = ts.createWatchCompilerHost(
    tsconfigPath,
    {},
    ts.sys,
    ts.createEmitAndSemanticDiagnosticsBuilderProgram,
    (diagnostic) => {
      if (diagnostic.category === ts.DiagnosticCategory.Error) failed = true;
      report([diagnostic]);
    },
    (diagnostic, _newLine, _options, errorCount) => {
      process.stdout.write(`${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}\n`);
      if (errorCount === undefined) return; // "starting compilation", not its end
      if (errorCount === 0 && !failed) {
        writeFileSync(stamp, `${new Date().toISOString()}\n`);
        restart();
      }
      failed = false;
    },
  );
  const afterProgramCreate = host.afterProgramCreate;
  host.afterProgramCreate = (builder) => {
    const emit = builder.emit;
    builder.emit = (target, write, token, onlyDts) => emit(target, write, token, onlyDts, transformers(builder.getProgram()));
    afterProgramCreate?.(builder);
  };
  ts.createWatchProgram(host);
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => (server ? (server.once('exit', () => process.exit(0)), server.kill(signal)) : process.exit(0)));
}

if (watch) buildAndWatch();
else if (!(await build())) {
  if (prepare) process.stderr.write('incident-log: the build failed (see above); `npm run build` tries again.\n');
  process.exit(prepare ? 0 : 1);
}
