import { Global, Module } from '@nestjs/common';
import { ProjectionEngine } from '../projections/engine/projection-engine';
import { Metrics } from './metrics';
import { MetricsHttpController } from './metrics.http.controller';

@Global()
@Module({
  providers: [{ provide: Metrics, useFactory: (projections: ProjectionEngine) => new Metrics(projections), inject: [ProjectionEngine] }],
  controllers: [MetricsHttpController],
  exports: [Metrics],
})
export class MetricsModule {}
