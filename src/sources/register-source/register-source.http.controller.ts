import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { WriteContext } from '../../log/incident-log-events';
import { Writer } from '../../http/write-context.decorator';
import { SourceReceiptResponseDto } from '../source.response.dto';
import { RegisterSourceCommand } from './register-source.command';
import { RegisterSourceRequestDto } from './register-source.request.dto';
import { ApiWriteErrors } from '../../http/api-errors.decorator';

@ApiTags('sources')
@Controller('sources')
export class RegisterSourceHttpController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({ summary: 'Register a source document', description: 'Stores a communiqué\'s text and metadata; facts cite excerpts of it. The same text again answers 200 with the same `sourceId`.' })
  @Post()
  @ApiWriteErrors()
  @ApiCreatedResponse({ type: SourceReceiptResponseDto, description: 'Stored' })
  @ApiOkResponse({ type: SourceReceiptResponseDto, description: 'The same text was stored before: its source is returned' })
  async register(
    @Body() body: RegisterSourceRequestDto,
    @Writer() writer: WriteContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SourceReceiptResponseDto> {
    const { receipt, created } = await this.commands.execute(
      new RegisterSourceCommand(
        { publisher: body.publisher, title: body.title, publishedAt: body.publishedAt ?? null, language: body.language, url: body.url ?? null, text: body.text },
        writer,
      ),
    );
    reply.status(created ? 201 : 200).header('Location', `/sources/${receipt.sourceId}`);
    return receipt;
  }
}
