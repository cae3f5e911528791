import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { createApp } from '../../src/http/create-app';
import { closeLettingRequestsFinish } from '../../src/http/graceful-shutdown';
import { checkAnswer } from './openapi-answers';
import { createTestDatabase } from './postgres';

export interface RunningApp {
  app: NestFastifyApplication;
  baseUrl: string;
  config: AppConfig;
  close(): Promise<void>;
}

/**
 * The real server on a free loopback port over a real store: by default a SQLite file in a new
 * temporary folder; `env` may point it elsewhere (EVENT_STORE=postgres, DATABASE_URL=…).
 */
export async function startApp(env: Record<string, string> = {}): Promise<RunningApp> {
  const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'incident-log-test-'));
  // The e2e project "e2e on PostgreSQL" runs the same suites with E2E_STORE=postgres.
  const database = process.env.E2E_STORE === 'postgres' && !env.EVENT_STORE ? await createTestDatabase() : null;
  const storeEnv = database ? { EVENT_STORE: 'postgres', DATABASE_URL: database.url } : {};
  const config = loadConfig({ DATA_DIR: dataDir, ...storeEnv, ...env, PORT: '1' });
  const app = await createApp(config, 'silent');
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    config,
    baseUrl: `http://127.0.0.1:${address.port}`,
    async close() {
      await closeLettingRequestsFinish(app);
      await database?.drop();
      if (!env.DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface HttpAnswer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** A JSON request over real HTTP; `raw` sends a body as it is (malformed JSON, other media types). */
export async function http<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  options: { body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<HttpAnswer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined;
  if (options.raw !== undefined) body = options.raw;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  if (options.raw !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: the test sees the text
  }
  checkAnswer(method, path, response.status, response.headers.get('content-type'), parsed);
  return { status: response.status, headers: response.headers, body: parsed as T };
}

/** The store the e2e servers run on in this jest project. */
export const e2eStore = (): string => (process.env.E2E_STORE === 'postgres' ? 'postgres' : 'sqlite');
