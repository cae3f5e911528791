import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse, ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Writer } from '../../http/write-context.decorator';
import { WriteContext } from '../../log/incident-log-events';
import { ImportDocumentCommand } from './import-document.command';
import { ImportDocumentRequestDto, ImportDocumentResponseDto } from './import-document.request.dto';
import { ApiWriteErrors } from '../../http/api-errors.decorator';

@ApiTags('imports')
@Controller('imports')
export class ImportDocumentHttpController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({ summary: 'Import a document and its incidents', description: 'One source document and the incidents it reports, each appended atomically; every `source` inside may give only an excerpt of the document. Importing the same document again changes nothing (200).' })
  @Post()
  @ApiWriteErrors()
  @ApiCreatedResponse({ type: ImportDocumentResponseDto, description: 'Something new was stored' })
  @ApiOkResponse({ type: ImportDocumentResponseDto, description: 'Everything in the document was stored before: nothing changed' })
  @ApiConflictResponse({ description: 'An incident or event id is stored with other content' })
  @ApiUnprocessableEntityResponse({ description: 'A rule of the domain is broken, or an excerpt is not in its source' })
  async import(
    @Body() body: ImportDocumentRequestDto,
    @Writer() writer: WriteContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ImportDocumentResponseDto> {
    const result = await this.commands.execute(new ImportDocumentCommand(body, writer));
    const changed = result.sourceCreated || result.incidents.some((i) => i.appendedCount > 0);
    reply.status(changed ? 201 : 200);
    return result;
  }
}
