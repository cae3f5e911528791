import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import { AppConfig } from '../config/app-config';

/**
 * Helmet's security headers on every answer. Its default Content-Security-Policy already lets the
 * Swagger UI at /docs run (its scripts are files from this server, its inline styles are allowed);
 * only `upgrade-insecure-requests` is dropped, which would break /docs on a server reached over
 * plain HTTP. CORS is off unless CORS_ORIGINS names the origins browsers may call from.
 */
export async function registerSecurityHeaders(fastify: FastifyInstance, config: AppConfig): Promise<void> {
  await fastify.register(helmet, { contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });
  if (config.corsOrigins.length === 0) return;
  await fastify.register(cors, {
    origin: config.corsOrigins,
    methods: ['GET', 'POST'],
    allowedHeaders: ['Content-Type', 'Authorization', 'If-Match', 'Idempotency-Key', 'X-Correlation-Id'],
    exposedHeaders: ['Location', 'ETag', 'Retry-After', 'Idempotent-Replayed'],
  });
}
