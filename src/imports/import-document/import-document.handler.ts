import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';
import { InvalidInput, Unprocessable } from '../../application/application-errors';
import { DEFAULT_CONFIDENCE } from '../../domain/shared/confidence';
import { Problem } from '../../domain/shared/problem';
import { WrongExpectedVersion } from '../../event-store/event-store.errors';
import { RequestedFact } from '../../incidents/application/fact-plan';
import { IncidentRecorder, Opening, PreparedAppend } from '../../incidents/application/incident-recorder';
import { SourceRegistry, sha256Of } from '../../sources/source-registry';
import { ImportDocumentCommand } from './import-document.command';
import { ImportDocumentResponseDto, ImportedIncidentDto } from './import-document.request.dto';
import { storedLocation } from '../../domain/shared/location';

/** Ids an import derives, when the document gives none, live in this UUID v5 namespace. */
const IMPORT_NAMESPACE = '6f1d3b0e-6a41-4f6b-9a51-4a0f8c8d2e10';

/** An incident or event id named twice in one document: refused before anything is written. */
function refuseRepeatedIds(incidents: readonly ImportedIncidentDto[]): void {
  const seen = new Map<string, string>();
  const problems: Problem[] = [];
  const note = (id: string | undefined, path: string) => {
    if (id === undefined) return;
    const first = seen.get(id);
    if (first) problems.push({ path, reason: `repeats ${first}: each incident and event of a document needs its own id` });
    else seen.set(id, path);
  };
  incidents.forEach((incident, i) => {
    note(incident.incidentId, `incidents.${i}.incidentId`);
    incident.events.forEach((event, j) => note(event.eventId, `incidents.${i}.events.${j}.eventId`));
  });
  if (problems.length > 0) throw new InvalidInput(problems);
}

const pathsOf = (index: number) => ({
  path: `incidents.${index}.events`,
  openingPath: `incidents.${index}.open`,
  incidentIdPath: `incidents.${index}.incidentId`,
});

/**
 * Imports a document and the incidents encoded from it. Everything is checked before anything
 * is written; then the source is stored and each incident appended atomically. Ids the document
 * leaves out are derived from its text and their place in it, so a second import adds nothing.
 */
@CommandHandler(ImportDocumentCommand)
export class ImportDocumentHandler implements ICommandHandler<ImportDocumentCommand> {
  constructor(private readonly sources: SourceRegistry, private readonly recorder: IncidentRecorder) {}

  async execute({ document, context }: ImportDocumentCommand): Promise<ImportDocumentResponseDto> {
    const { source } = document;
    const sha256 = sha256Of(source.text);
    const sourceId = (await this.sources.lookup(source.text))?.sourceId ?? uuidv7();
    const pendingTexts = new Map([[sourceId, source.text]]);

    refuseRepeatedIds(document.incidents);
    const prepared: PreparedAppend[] = [];
    const problems: Problem[] = [];
    for (const [index, incident] of document.incidents.entries()) {
      const incidentId = incident.incidentId ?? uuidv5(`${sha256}/incidents/${index}`, IMPORT_NAMESPACE);
      const { opening, facts } = this.encode(incident, incidentId, sourceId);
      try {
        prepared.push(await this.recorder.prepareOpening(incidentId, opening, facts, { ...pathsOf(index), pendingTexts }));
      } catch (error) {
        if (!(error instanceof Unprocessable)) throw error;
        problems.push(...error.problems);
      }
    }
    if (problems.length > 0) throw new Unprocessable(problems);

    const { receipt, created } = await this.sources.register(
      { publisher: source.publisher, title: source.title, publishedAt: source.publishedAt ?? null, language: source.language, url: source.url ?? null, text: source.text },
      context,
      sourceId,
    );
    // The same text was registered by someone else meanwhile: check again against its id.
    if (receipt.sourceId !== sourceId) return this.execute(new ImportDocumentCommand(document, context));
    const incidents = [];
    for (const [index, append] of prepared.entries()) {
      const outcome = await this.recorder.commit(append, context).catch(async (error: unknown) => {
        // Someone wrote to the incident since it was checked: check again on its new state.
        if (!(error instanceof WrongExpectedVersion)) throw error;
        const { opening, facts } = this.encode(document.incidents[index], append.incidentId, sourceId);
        return this.recorder.commit(await this.recorder.prepareOpening(append.incidentId, opening, facts, { ...pathsOf(index), pendingTexts }), context);
      });
      incidents.push({ incidentId: outcome.incidentId, version: outcome.version, appendedCount: outcome.appendedCount });
    }
    return { sourceId, sourceCreated: created, incidents };
  }

  private encode(incident: ImportedIncidentDto, incidentId: string, sourceId: string): { opening: Opening; facts: RequestedFact[] } {
    const { open } = incident;
    const opening: Opening = {
      eventId: uuidv5(`${incidentId}/opening`, IMPORT_NAMESPACE),
      data: { incidentId, title: open.title, occurred: open.occurred, location: storedLocation(open.location), operation: open.operation ?? null },
      source: { sourceId: open.source.sourceId ?? sourceId, excerpt: open.source.excerpt },
      confidence: open.confidence ?? DEFAULT_CONFIDENCE,
    };
    const facts = incident.events.map((event, index): RequestedFact => ({
      ...event,
      eventId: event.eventId ?? uuidv5(`${incidentId}/events/${index}`, IMPORT_NAMESPACE),
      source: { sourceId: event.source.sourceId ?? sourceId, excerpt: event.source.excerpt },
    }));
    return { opening, facts };
  }
}
