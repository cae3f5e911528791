import { Command } from '@nestjs/cqrs';
import { WriteContext } from '../../log/incident-log-events';
import { NewSource, Registration } from '../source-registry';

export class RegisterSourceCommand extends Command<Registration> {
  constructor(readonly source: NewSource, readonly context: WriteContext) {
    super();
  }
}
