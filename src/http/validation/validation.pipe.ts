import { ArgumentMetadata, BadRequestException, Injectable, ValidationPipe } from '@nestjs/common';
import { describeProblem } from '../../domain/shared/problem';
import { VALIDATION_OPTIONS, validationProblems } from './validation-problems';

/** Every body and query is a DTO: unknown fields refused, each message naming its field path. */
@Injectable()
export class RequestValidationPipe extends ValidationPipe {
  constructor() {
    super({
      ...VALIDATION_OPTIONS,
      transform: true,
      // The value is how a missing field is told from a wrong one.
      validationError: { target: false, value: true },
      exceptionFactory: (errors) => new BadRequestException(validationProblems(errors).map(describeProblem)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw new BadRequestException(['body must be a JSON object']);
    }
    return super.transform(value, metadata);
  }
}
