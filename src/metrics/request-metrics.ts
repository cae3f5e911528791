import type { FastifyInstance } from 'fastify';
import { Metrics } from './metrics';

/**
 * Times every answer by its route pattern (`/incidents/:incidentId`, never the id itself, which
 * would make one series per incident); requests no route matched count under `unmatched`. It is
 * observed as the answer is handed over, so a scrape that follows an answer always counts it.
 */
export function timeRequests(fastify: FastifyInstance, metrics: Metrics): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    metrics.requestDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    return payload;
  });
}
