import { INestApplicationContext } from '@nestjs/common';
import { Presets, SingleBar } from 'cli-progress';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { describeProblem } from '../domain/shared/problem';
import { validatePlain } from '../http/validation/validation-problems';
import { EXPORT_FORMAT_SPECS, ExportFormat } from '../exports/export-formats';
import { ExportRequestDto, exportFiltersOf } from '../exports/export-request.dto';
import { ExportedIncidents } from '../exports/exported-incidents';
import { CliFailure } from './cli-commands';

/** The command's options, named as the HTTP query parameters are once commander has camel-cased them. */
export interface ExportOptions {
  out: string;
  country?: string;
  from?: string;
  to?: string;
  operation?: string;
  actor?: string;
  sourceId?: string;
  includeWithdrawn?: boolean;
  asOf?: string;
}

/** Writes the export to a file: the same filters, checks and bytes as `GET /exports/…`, with a progress bar on the incidents read. */
export async function exportToFile(app: INestApplicationContext, format: ExportFormat, options: ExportOptions, print: (line: string) => void): Promise<void> {
  const { out, includeWithdrawn, ...filters } = options;
  const query = { ...filters, ...(includeWithdrawn ? { includeWithdrawn: 'true' } : {}) };
  const { value, problems } = validatePlain(ExportRequestDto, query);
  if (problems.length > 0) throw new CliFailure(`invalid filters:\n  ${problems.map(describeProblem).join('\n  ')}`);
  const spec = EXPORT_FORMAT_SPECS[format];
  const bar = new SingleBar({ format: `export ${format} [{bar}] {percentage}% | {value}/{total} incidents | ETA {eta_formatted}`, noTTYOutput: true, notTTYSchedule: 2000 }, Presets.shades_classic);
  let read: number | null = null;
  const incidents = app.get(ExportedIncidents).read(exportFiltersOf(value), (seen, total) => {
    if (read === null) bar.start(total, seen);
    read = seen;
    bar.setTotal(total);
    bar.update(seen);
  });
  await pipeline(spec.write(incidents), createWriteStream(out)).finally(() => read !== null && bar.stop());
  print(`wrote ${out} (${format}): ${read ?? 0} incident(s) looked at`);
}
