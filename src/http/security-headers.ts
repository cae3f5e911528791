import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import helmet, { HelmetOptions } from 'helmet';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { AppConfig } from '../config/app-config';

/**
 * Helmet's default Content-Security-Policy already lets the Swagger UI at /docs run (its scripts
 * are files from this server, its inline styles are allowed); only `upgrade-insecure-requests` is
 * dropped, which would break /docs on a server reached over plain HTTP.
 */
const HELMET_OPTIONS: HelmetOptions = { contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } };

/**
 * The headers Helmet sets with these options, found once by running it on a stand-in answer:
 * they depend on nothing in the request. (@fastify/helmet built a new Helmet, policy string
 * included, for every request: a few percent of a small request's CPU time.)
 */
export function helmetHeaders(options: HelmetOptions = HELMET_OPTIONS): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  const answer = {
    setHeader: (name: string, value: string | number | string[]) => void (headers[name.toLowerCase()] = value),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
    getHeader: (name: string) => headers[name.toLowerCase()],
  };
  helmet(options)({} as IncomingMessage, answer as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}

/** Helmet's security headers on every answer. CORS is off unless CORS_ORIGINS names the origins browsers may call from. */
export async function registerSecurityHeaders(fastify: FastifyInstance, config: AppConfig): Promise<void> {
  const headers = helmetHeaders();
  fastify.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(headers);
    done();
  });
  if (config.corsOrigins.length === 0) return;
  await fastify.register(cors, {
    origin: config.corsOrigins,
    methods: ['GET', 'POST'],
    allowedHeaders: ['Content-Type', 'Authorization', 'If-Match', 'Idempotency-Key', 'X-Correlation-Id'],
    exposedHeaders: ['Location', 'ETag', 'Retry-After', 'Idempotent-Replayed'],
  });
}
