import type { Server } from 'node:http';
import type { Socket } from 'node:net';
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

/** Each server's open sockets, from `trackSockets`: Node lists only those with a request begun or ended. */
const socketsOf = new WeakMap<Server, Set<Socket>>();

/**
 * Keeps the server's sockets at hand for `closeLettingRequestsFinish`; call it before listening.
 * Node's `closeIdleConnections` only closes a connection whose request has been answered: a
 * socket that has not sent a byte yet (a browser opens some ahead of the requests it expects)
 * counts as busy, and `server.close` would wait for it as long as the browser keeps it.
 */
export function trackSockets(server: Server): void {
  const sockets = new Set<Socket>();
  socketsOf.set(server, sockets);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
}

/**
 * Closes the app once the requests in flight have answered. Node closes the connections idle when
 * the close begins; one whose request answers later stays open (keep-alive) and would hold the
 * close until the client hangs up (a browser keeps idle sockets for minutes), so idle connections
 * are closed again every 100 ms until the close ends, with the sockets that never sent a request.
 */
export async function closeLettingRequestsFinish(app: INestApplication): Promise<void> {
  const server = app.getHttpServer() as Server;
  const sweep = setInterval(() => {
    server.closeIdleConnections();
    for (const socket of socketsOf.get(server) ?? []) if (socket.bytesRead === 0) socket.destroy();
  }, 100);
  try {
    await app.close();
  } finally {
    clearInterval(sweep);
  }
}
