import { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { SingleBar, Presets } from 'cli-progress';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describeProblem } from '../domain/shared/problem';
import { LOCAL_WRITER } from '../http/write-context.decorator';
import { validatePlain } from '../http/validation/validation-problems';
import { ImportDocumentCommand } from '../imports/import-document/import-document.command';
import { ImportDocumentRequestDto } from '../imports/import-document/import-document.request.dto';
import { RebuildProgress } from '../projections/engine/rebuild-tracker';
import { ProjectionEngine } from '../projections/engine/projection-engine';
import { readImportFile } from './import-file';

/** The command line writes as the local user, like the server without keys. */
export const CLI_WRITER = { recordedBy: LOCAL_WRITER, correlationId: null, causationId: null };

export class CliFailure extends Error {}

export async function importFile(app: INestApplicationContext, path: string, print: (line: string) => void): Promise<void> {
  const { value, problems } = validatePlain(ImportDocumentRequestDto, await readImportFile(path));
  if (problems.length > 0) throw new CliFailure(`${path} is not a valid import document:\n  ${problems.map(describeProblem).join('\n  ')}`);
  const result = await app.get(CommandBus).execute(new ImportDocumentCommand(value, CLI_WRITER));
  const appended = result.incidents.reduce((sum, i) => sum + i.appendedCount, 0);
  print(`${path}: source ${result.sourceId} (${result.sourceCreated ? 'new' : 'already stored'}), ` +
    `${result.incidents.length} incident(s), ${appended} event(s) added`);
  for (const incident of result.incidents) print(`  incident ${incident.incidentId} at version ${incident.version}`);
}

/** Every `*.json` under the seeds folder, in name order. */
export async function seedFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

export function progressBar(label: string): { update: (p: RebuildProgress) => void; stop: () => void } {
  const bar = new SingleBar(
    { format: `${label} [{bar}] {percentage}% | {value}/{total} events | {rate} events/s | ETA {eta_formatted}`, noTTYOutput: true, notTTYSchedule: 2000 },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update(p) {
      if (!started) bar.start(p.headPosition, 0, { rate: 0 });
      started = true;
      bar.setTotal(p.headPosition);
      bar.update(p.checkpoint, { rate: p.eventsPerSecond });
    },
    stop: () => started && bar.stop(),
  };
}

export async function listProjections(engine: ProjectionEngine, print: (line: string) => void): Promise<void> {
  for (const p of await engine.status()) {
    print(`${p.name.padEnd(18)} v${p.version}  ${p.status.padEnd(10)} checkpoint ${p.checkpoint}/${p.headPosition}  lag ${p.lag}` +
      (p.error ? `  error at ${p.failedPosition}: ${p.error}` : ''));
  }
}
