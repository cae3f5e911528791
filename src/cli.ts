import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Command } from 'commander';
import { resolve } from 'node:path';
import { AppModule } from './app.module';
import { CliFailure, importFile, listProjections, progressBar, seedFiles } from './cli/cli-commands';
import { ConfigError, loadConfig } from './config/app-config';
import { ProjectionEngine, RebuildInProgress, UnknownProjection } from './projections/engine/projection-engine';
import { SingleBar, Presets } from 'cli-progress';
import { migrateLog, targetConfig } from './cli/migrate-log';
import { APP_CONFIG } from './config/config.module';
import { AppConfig } from './config/app-config';
import { EventStore } from './event-store/event-store.port';

const print = (line: string) => process.stdout.write(`${line}\n`);

/** The same store and configuration as the server, whether or not the server runs. */
async function withApp(work: (app: INestApplicationContext) => Promise<void>): Promise<void> {
  const app = await NestFactory.createApplicationContext(AppModule.forConfig(loadConfig()), { logger: ['error', 'warn'] });
  try {
    await work(app);
  } finally {
    await app.close();
  }
}

const program = new Command('incident-log').description('The incident log from the command line').showHelpAfterError();

program
  .command('seed')
  .description('import every document under seeds/ (idempotent)')
  .option('--dir <folder>', 'the seeds folder', 'seeds')
  .action((options: { dir: string }) =>
    withApp(async (app) => {
      const files = await seedFiles(resolve(options.dir));
      if (files.length === 0) throw new CliFailure(`no seed documents under ${options.dir}`);
      for (const file of files) await importFile(app, file, print);
    }),
  );

program
  .command('import <file>')
  .description('import one document in the POST /imports format')
  .action((file: string) => withApp((app) => importFile(app, resolve(file), print)));

const projections = program.command('projections').description('read models built from the log');

projections.command('list').action(() => withApp((app) => listProjections(app.get(ProjectionEngine), print)));

projections
  .command('rebuild [name]')
  .description('rebuild one projection, or all, from position 0')
  .action((name: string | undefined) =>
    withApp(async (app) => {
      const engine = app.get(ProjectionEngine);
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
      const bar = progressBar('verify');
      const differences = await app.get(ProjectionEngine).verify(bar.update).finally(bar.stop);
      for (const d of differences) {
        print(`DIFFERENCE in ${d.projection}.${d.table}: ${d.onlyInLive.length} row(s) only live, ${d.onlyInRebuilt.length} only rebuilt`);
        d.onlyInLive.slice(0, 5).forEach((row) => print(`  live:    ${JSON.stringify(row)}`));
        d.onlyInRebuilt.slice(0, 5).forEach((row) => print(`  rebuilt: ${JSON.stringify(row)}`));
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
      const config = targetConfig(app.get<AppConfig>(APP_CONFIG), options.to);
      const bar = new SingleBar({ format: 'migrate [{bar}] {percentage}% | {value}/{total} events | ETA {eta_formatted}', noTTYOutput: true }, Presets.shades_classic);
      bar.start(0, 0);
      const report = await migrateLog(app.get(EventStore), config, (copied, total) => {
        bar.setTotal(total);
        bar.update(copied);
      }).finally(() => bar.stop());
      print(`copied ${report.copied} events to ${config.eventStore}; the copy matches the log event by event and its projections are built`);
    }),
  );

program.parseAsync().catch((error: unknown) => {
  const known = [CliFailure, ConfigError, UnknownProjection, RebuildInProgress].some((type) => error instanceof type);
  console.error(known ? (error as Error).message : error);
  process.exit(1);
});
