import { Command, CommandHandler, ICommandHandler, IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { ProjectionEngine, ProjectionStatusView } from '../engine/projection-engine';

export class ListProjectionsQuery extends Query<ProjectionStatusView[]> {}

@QueryHandler(ListProjectionsQuery)
export class ListProjectionsHandler implements IQueryHandler<ListProjectionsQuery> {
  constructor(private readonly engine: ProjectionEngine) {}

  execute(): Promise<ProjectionStatusView[]> {
    return this.engine.status();
  }
}

/** Answers once the rebuild is under way; `finished` settles when the new tables took over. */
export class RebuildProjectionCommand extends Command<{ finished: Promise<void> }> {
  constructor(readonly name: string) {
    super();
  }
}

@CommandHandler(RebuildProjectionCommand)
export class RebuildProjectionHandler implements ICommandHandler<RebuildProjectionCommand> {
  constructor(private readonly engine: ProjectionEngine) {}

  async execute({ name }: RebuildProjectionCommand): Promise<{ finished: Promise<void> }> {
    return this.engine.startRebuild(name);
  }
}
