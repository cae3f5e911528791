import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Registration, SourceRegistry } from '../source-registry';
import { RegisterSourceCommand } from './register-source.command';

@CommandHandler(RegisterSourceCommand)
export class RegisterSourceHandler implements ICommandHandler<RegisterSourceCommand> {
  constructor(private readonly registry: SourceRegistry) {}

  execute({ source, context }: RegisterSourceCommand): Promise<Registration> {
    return this.registry.register(source, context);
  }
}
