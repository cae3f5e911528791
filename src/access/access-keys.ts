import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { keyIdOf, matchesDigest } from './access-key';
import { AccessKeyTable, StoredKey } from './access-key-table';
import { REFUSALS, Refusal, unauthenticated } from './access-refusals';
import { Caller, LOCAL_CALLER } from './caller';
import { isLoopbackHost } from './local-mode';

/** Keys made or revoked by the command line, another process, reach a running server within this. */
export const KEYS_POLL_INTERVAL_MS = 500;
/** `last used` is written at most this often per key, not on every request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

const BEARER = /^Bearer +(\S+) *$/i;

interface KnownKey {
  stored: StoredKey;
  caller: Caller;
  lastUsedWritten: number;
}

/**
 * The keys as the server checks them: held in memory and reloaded from the table every half second,
 * so a request costs no database read. While no key has ever existed the server is in local mode
 * (only on a loopback address); once one has been seen it never goes back, even if all are revoked.
 */
@Injectable()
export class AccessKeys implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Access');
  private byId = new Map<string, KnownKey>();
  private keysSeen = false;
  private loaded = false;
  private timer: NodeJS.Timeout | null = null;
  private reloading: Promise<void> | null = null;
  private readonly localModeAllowed: boolean;

  constructor(private readonly table: AccessKeyTable, @Inject(APP_CONFIG) config: AppConfig) {
    this.localModeAllowed = isLoopbackHost(config.host);
  }

  async onModuleInit(): Promise<void> {
    await this.table.createIfMissing();
    await this.reload();
    this.timer = setInterval(() => {
      // A slow database must not pile reloads up: the next tick tries again.
      this.reloading ??= this.reload()
        .catch((error: unknown) => this.logger.warn(`could not reload the access keys (the last ones loaded stay in force): ${String(error)}`))
        .finally(() => (this.reloading = null));
    }, KEYS_POLL_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** True while no key exists: every caller is `local`. */
  get localMode(): boolean {
    return this.loaded && !this.keysSeen;
  }

  get activeKeyCount(): number {
    return [...this.byId.values()].filter((k) => k.stored.revokedAt === null).length;
  }

  /** The caller an `Authorization` header proves, or why it proves none. */
  authenticate(authorization: string | undefined): Caller | Refusal {
    if (this.localMode && this.localModeAllowed) return LOCAL_CALLER;
    if (authorization === undefined || authorization === '') return unauthenticated(REFUSALS.missingKey, false);
    const bearer = BEARER.exec(authorization);
    if (!bearer) return unauthenticated(REFUSALS.notBearer, false);
    const id = keyIdOf(bearer[1]);
    const known = id === null ? undefined : this.byId.get(id);
    if (!known || !matchesDigest(bearer[1], known.stored.digest)) return unauthenticated(REFUSALS.unknownKey, true);
    if (known.stored.revokedAt !== null) return unauthenticated(REFUSALS.revokedKey(known.stored.name), true);
    this.noteUse(known);
    return known.caller;
  }

  private noteUse(known: KnownKey): void {
    const now = Date.now();
    if (now - known.lastUsedWritten < LAST_USED_RESOLUTION_MS) return;
    known.lastUsedWritten = now;
    this.table.markUsed(known.stored.id, new Date(now).toISOString()).catch((error: unknown) => {
      this.logger.warn(`could not record when the key "${known.stored.name}" was last used: ${String(error)}`);
    });
  }

  private async reload(): Promise<void> {
    const rows = await this.table.all();
    const next = new Map<string, KnownKey>();
    for (const stored of rows) {
      const previous = this.byId.get(stored.id);
      const storedUse = stored.lastUsedAt === null ? 0 : Date.parse(stored.lastUsedAt);
      next.set(stored.id, {
        stored,
        caller: { name: stored.name, role: stored.role },
        lastUsedWritten: Math.max(previous?.lastUsedWritten ?? 0, storedUse),
      });
    }
    this.byId = next;
    this.keysSeen ||= rows.length > 0;
    this.loaded = true;
  }
}
