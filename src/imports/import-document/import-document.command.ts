import { Command } from '@nestjs/cqrs';
import { WriteContext } from '../../log/incident-log-events';
import { ImportDocumentRequestDto, ImportDocumentResponseDto } from './import-document.request.dto';

export class ImportDocumentCommand extends Command<ImportDocumentResponseDto> {
  constructor(readonly document: ImportDocumentRequestDto, readonly context: WriteContext) {
    super();
  }
}
