import type { Server } from 'node:http';
import { INestApplication, Logger } from '@nestjs/common';

/** Longer than any request or projection batch should take; a stuck shutdown still ends. */
const SHUTDOWN_DEADLINE_MS = 10_000;

/**
 * On SIGTERM or SIGINT: stop accepting connections, let requests in flight answer (Fastify
 * answers new requests on open connections 503 meanwhile), let the projections finish their
 * batch, close the store, and exit 0. Nest's own signal hooks would re-raise the signal and end
 * with 143, which process managers read as a crash.
 */
export function closeOnSignals(app: INestApplication): void {
  const logger = new Logger('shutdown');
  let closing = false;
  const close = (signal: NodeJS.Signals): void => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received: finishing requests in flight, then closing the store`);
    const deadline = setTimeout(() => {
      logger.error(`still closing after ${SHUTDOWN_DEADLINE_MS / 1000} s: exiting now`);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    closeLettingRequestsFinish(app).then(
      () => {
        logger.log('closed');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error(`closing failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', close);
  process.once('SIGINT', close);
}

/**
 * Closes the app once the requests in flight have answered. Node closes the connections idle when
 * the close begins; one whose request answers later stays open (keep-alive) and would hold the
 * close until the client hangs up (a browser keeps idle sockets for minutes), so idle connections
 * are closed again every 100 ms until the close ends.
 */
export async function closeLettingRequestsFinish(app: INestApplication): Promise<void> {
  const server = app.getHttpServer() as Server;
  const sweep = setInterval(() => server.closeIdleConnections(), 100);
  try {
    await app.close();
  } finally {
    clearInterval(sweep);
  }
}
