import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { Argument, Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { resolve } from 'node:path';
import { ROLES, Role } from './access/caller';
import type { AppConfig } from './config/app-config';

/*
 * The application (Nest, the stores, the projections) is loaded only when a command runs, so that
 * `--help` and usage errors answer at once and print nothing but the help.
 */
const load = {
  nest: () => require('@nestjs/core') as typeof import('@nestjs/core'),
  app: () => require('./app.module') as typeof import('./app.module'),
  commands: () => require('./cli/cli-commands') as typeof import('./cli/cli-commands'),
  config: () => require('./config/app-config') as typeof import('./config/app-config'),
  configModule: () => require('./config/config.module') as typeof import('./config/config.module'),
  engine: () => require('./projections/engine/projection-engine') as typeof import('./projections/engine/projection-engine'),
  projectionErrors: () => require('./projections/engine/projection-errors') as typeof import('./projections/engine/projection-errors'),
  migrate: () => require('./cli/migrate-log') as typeof import('./cli/migrate-log'),
  exportFile: () => require('./cli/export-file') as typeof import('./cli/export-file'),
  storage: () => require('./infrastructure/storage.module') as typeof import('./infrastructure/storage.module'),
  progress: () => require('cli-progress') as typeof import('cli-progress'),
  keys: () => require('./cli/keys-commands') as typeof import('./cli/keys-commands'),
  accessKey: () => require('./access/access-key') as typeof import('./access/access-key'),
  keyTable: () => require('./access/access-key-table') as typeof import('./access/access-key-table'),
  eventStore: () => require('./event-store/event-store.port') as typeof import('./event-store/event-store.port'),
};

/** Exit codes, as the top-level help states them. */
const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

const print = (line: string) => process.stdout.write(`${line}\n`);

/** The same store and configuration as the server, whether or not the server runs. */
async function withApp(work: (app: INestApplicationContext) => Promise<void>): Promise<void> {
  const { NestFactory } = load.nest();
  const { AppModule } = load.app();
  const app = await NestFactory.createApplicationContext(AppModule.forConfig(load.config().loadConfig()), { logger: ['error', 'warn'] });
  try {
    await work(app);
  } finally {
    await app.close();
  }
}

const program = new Command('incident-log')
  .description('The incident log from the command line: imports, projections and the store, on the same store and configuration as the server')
  .showHelpAfterError()
  // Set before the commands are added, so that every subcommand inherits them.
  .exitOverride()
  .helpCommand('help [command]', 'display help for a command')
  .helpOption('-h, --help', 'show this help')
  .addHelpText(
    'after',
    `
Every command takes --help.

Exit codes:
  0  done
  1  the command failed, or verify found a difference
  2  usage error (unknown command or option, missing or invalid argument, a key name taken)`,
  );

program
  .command('seed')
  .description('import every document under seeds/ (idempotent)')
  .option('--dir <folder>', 'the seeds folder', 'seeds')
  .option('--if-empty', 'only into a log with no event yet (what `npm start` does, so a first start has something to show)')
  .action((options: { dir: string; ifEmpty?: boolean }) =>
    withApp(async (app) => {
      const { CliFailure, importFile, seedFiles } = load.commands();
      if (options.ifEmpty && (await app.get(load.eventStore().EventStore).headPosition()) > 0) return;
      const files = await seedFiles(resolve(options.dir));
      if (files.length === 0) throw new CliFailure(`no seed documents under ${options.dir}`);
      for (const file of files) await importFile(app, file, print);
    }),
  );

program
  .command('import <file>')
  .description('import one document in the POST /imports format')
  .action((file: string) => withApp((app) => load.commands().importFile(app, resolve(file), print)));

const projections = program.command('projections').description('read models built from the log');

projections
  .command('list')
  .description('list the projections with their status, checkpoint and lag')
  .action(() => withApp((app) => load.commands().listProjections(app.get(load.engine().ProjectionEngine), print)));

projections
  .command('rebuild [name]')
  .description('rebuild one projection, or all, from position 0')
  .action((name: string | undefined) =>
    withApp(async (app) => {
      const { listProjections, progressBar } = load.commands();
      const engine = app.get(load.engine().ProjectionEngine);
      const bar = progressBar(name ?? 'all projections');
      const started = Date.now();
      await engine.rebuild(name ? [name] : undefined, bar.update).finally(bar.stop);
      print(`rebuilt ${name ?? 'every projection'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      await listProjections(engine, print);
    }),
  );

program
  .command('verify')
  .description('rebuild every projection aside and report any difference with the live read models')
  .action(() =>
    withApp(async (app) => {
      const { CliFailure, progressBar } = load.commands();
      const bar = progressBar('verify');
      const differences = await app.get(load.engine().ProjectionEngine).verify(bar.update).finally(bar.stop);
      for (const d of differences) {
        print(`DIFFERENCE in ${d.projection}.${d.table}: ${d.onlyInLive.count} row(s) only live, ${d.onlyInRebuilt.count} only rebuilt`);
        d.onlyInLive.rows.slice(0, 5).forEach((row) => print(`  live:    ${JSON.stringify(row)}`));
        d.onlyInRebuilt.rows.slice(0, 5).forEach((row) => print(`  rebuilt: ${JSON.stringify(row)}`));
      }
      if (differences.length > 0) throw new CliFailure(`${differences.length} table(s) differ from a rebuild`);
      print('every projection matches a rebuild from position 0');
    }),
  );

program
  .command('migrate')
  .description('copy the whole event log into another, empty store (postgres://… or sqlite:<folder>), keeping ids, versions, order and record times')
  .requiredOption('--to <store URL>', 'the target store')
  .action((options: { to: string }) =>
    withApp(async (app) => {
      const { migrateLog, targetConfig } = load.migrate();
      const { SingleBar, Presets } = load.progress();
      const config = targetConfig(app.get<AppConfig>(load.configModule().APP_CONFIG), options.to);
      const bar = new SingleBar({ format: 'migrate [{bar}] {percentage}% | {value}/{total} events | ETA {eta_formatted}', noTTYOutput: true }, Presets.shades_classic);
      bar.start(0, 0);
      // The log as stored: events of older schema versions are copied as they were written.
      const { storedLog } = app.get<import('./infrastructure/storage').Storage>(load.storage().STORAGE);
      const report = await migrateLog(storedLog, config, (copied, total) => {
        bar.setTotal(total);
        bar.update(copied);
      }).finally(() => bar.stop());
      print(`copied ${report.copied} events to ${config.eventStore}; the copy matches the log event by event and its projections are built`);
    }),
  );

const keyName = (name: string): string => {
  const problem = load.accessKey().keyNameProblem(name);
  if (problem) throw new InvalidArgumentError(problem);
  return name;
};

const keys = program
  .command('keys')
  .description('access keys for the HTTP API: each has a name (recorded as recordedBy on what it writes) and a role; only a hash is stored')
  .addHelpText(
    'after',
    `
Roles: reader (every GET) < recorder (also POST /sources, /incidents, /incidents/{id}/events, /imports)
< admin (also POST /projections/{name}/rebuild). While no key exists the server runs in local mode:
it listens on 127.0.0.1 only and every caller is "local" with every role. A running server sees keys
made or revoked here within a second.`,
  );

keys
  .command('create')
  .description('make a key and print it alone on the last line of the output; it is shown this once')
  .requiredOption('--name <name>', 'who holds the key, unique for good (1-64 of a-z 0-9 . _ @ -)', keyName)
  .addOption(new Option('--role <role>', 'what the key allows').choices(ROLES).makeOptionMandatory())
  .action((options: { name: string; role: Role }) => withApp((app) => load.keys().createKey(app, options.name, options.role, print)));

keys
  .command('list')
  .description('list the keys: name, role, when made, when last used (to the minute), revoked or not; never a key or its hash')
  .action(() => withApp((app) => load.keys().listKeys(app, print)));

keys
  .command('revoke <name>')
  .description('revoke a key for good: a running server refuses it within a second (exit 1 if no key has that name)')
  .action((name: string) => withApp((app) => load.keys().revokeKey(app, name, print)));

program
  .command('export')
  .description('write the incidents as GET /exports/… answers them (the same bytes), with the same filters')
  .addArgument(new Argument('<format>', 'acled (CSV), ucdp (CSV) or geojson').choices(['acled', 'ucdp', 'geojson']))
  .requiredOption('--out <file>', 'the file to write')
  .option('--country <code>', 'ISO 3166-1 alpha-2')
  .option('--from <time>', 'happened (in part) at or after this date or date-time')
  .option('--to <time>', 'happened (in part) at or before this date or date-time')
  .option('--operation <name>')
  .option('--actor <name>', 'an actor\'s name or alias')
  .option('--source-id <uuid>', 'incidents citing this source')
  .option('--include-withdrawn', 'keep withdrawn incidents')
  .option('--as-of <time>', 'as the log knew them at this record time')
  .action((format: 'acled' | 'ucdp' | 'geojson', options: import('./cli/export-file').ExportOptions) =>
    withApp((app) => load.exportFile().exportToFile(app, format, { ...options, out: resolve(options.out) }, print)),
  );

program.parseAsync().catch((error: unknown) => {
  if (error instanceof CommanderError) {
    // Commander has printed the help or the usage error already; --help and `help` are not errors.
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    return;
  }
  // A name taken is the user's to change, like any other argument.
  if (error instanceof load.keyTable().KeyNameTaken) {
    console.error(error.message);
    process.exit(EXIT.usage);
  }
  const { CliFailure } = load.commands();
  const { ConfigError } = load.config();
  const { UnknownProjection, RebuildInProgress, VerifyOutpacedByWrites } = load.projectionErrors();
  const known = [CliFailure, ConfigError, UnknownProjection, RebuildInProgress, VerifyOutpacedByWrites].some((type) => error instanceof type);
  console.error(known ? (error as Error).message : error);
  process.exit(EXIT.failure);
});
