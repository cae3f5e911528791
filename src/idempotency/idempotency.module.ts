import { Injectable, Logger, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ReadModelDatabase } from '../database/sql-runner';
import { IdempotencyStore } from './idempotency-store';

/** Expired keys are deleted at start and then this often (a lookup ignores an expired key anyway). */
const PURGE_EVERY_MS = 60 * 60 * 1000;

@Injectable()
class ExpiredKeysPurge implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Idempotency');
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly store: IdempotencyStore) {}

  async onModuleInit(): Promise<void> {
    await this.store.ensureSchema();
    await this.purge();
    this.timer = setInterval(() => void this.purge(), PURGE_EVERY_MS).unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async purge(): Promise<void> {
    try {
      await this.store.purgeExpired(Date.now());
    } catch (error) {
      this.logger.warn(`could not purge expired idempotency keys: ${String(error)}`);
    }
  }
}

@Module({
  providers: [{ provide: IdempotencyStore, useFactory: (db: ReadModelDatabase) => new IdempotencyStore(db), inject: [ReadModelDatabase] }, ExpiredKeysPurge],
  exports: [IdempotencyStore],
})
export class IdempotencyModule {}
