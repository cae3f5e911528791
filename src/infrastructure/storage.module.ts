import { Global, Inject, Injectable, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { ReadModelDatabase } from '../database/sql-runner';
import { EventStore } from '../event-store/event-store.port';
import { MeteredEventStore } from '../metrics/metered-event-store';
import { Metrics } from '../metrics/metrics';
import { ProjectionEngine } from '../projections/engine/projection-engine';
import { Storage, openStorage } from './storage';

export const STORAGE = Symbol('Storage');

/** Starts the projections once the app is up, closes the store when it stops. */
@Injectable()
class StorageLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(STORAGE) private readonly storage: Storage) {}

  async onModuleInit(): Promise<void> {
    await this.storage.projections.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.storage.close();
  }
}

@Global()
@Module({
  providers: [
    { provide: STORAGE, useFactory: (config: AppConfig) => openStorage(config), inject: [APP_CONFIG] },
    // Requests write through this one, so appends are counted where they commit.
    { provide: EventStore, useFactory: (storage: Storage, metrics: Metrics) => new MeteredEventStore(storage.store, metrics), inject: [STORAGE, Metrics] },
    { provide: ReadModelDatabase, useFactory: (storage: Storage) => storage.readModels, inject: [STORAGE] },
    { provide: ProjectionEngine, useFactory: (storage: Storage) => storage.projections, inject: [STORAGE] },
    StorageLifecycle,
  ],
  exports: [EventStore, ReadModelDatabase, ProjectionEngine],
})
export class StorageModule {}
