import { applyDecorators } from '@nestjs/common';
import { ApiBadRequestResponse, ApiPayloadTooLargeResponse, ApiUnsupportedMediaTypeResponse, SchemaObject } from '@nestjs/swagger';

/** The contract's error body, `{ statusCode, error, message: [...] }`. */
export const ERROR_BODY: SchemaObject = {
  type: 'object',
  required: ['statusCode', 'error', 'message'],
  properties: {
    statusCode: { type: 'integer', example: 400 },
    error: { type: 'string', example: 'Bad Request' },
    message: { type: 'array', items: { type: 'string' }, example: ['events.0.data.count.best must be an integer ≥ 0'] },
  },
};

/** What every JSON write answers to a body it cannot take. */
export const ApiWriteErrors = () =>
  applyDecorators(
    ApiBadRequestResponse({ description: 'Malformed body: each message names the field path and the reason', schema: ERROR_BODY }),
    ApiPayloadTooLargeResponse({ description: 'Body over 1 MiB', schema: ERROR_BODY }),
    ApiUnsupportedMediaTypeResponse({ description: 'Body that is not application/json', schema: ERROR_BODY }),
  );

/** What a read answers to a bad query parameter or path id. */
export const ApiReadErrors = () =>
  ApiBadRequestResponse({ description: 'A query parameter or path id is malformed: the message names it', schema: ERROR_BODY });
