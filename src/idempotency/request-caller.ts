import type { FastifyRequest } from 'fastify';

/**
 * The name of the API key a request came with, or undefined in local mode (no keys).
 * Access control puts `request.caller` on the request; swap this for `callerOf(request)` when it lands.
 */
export const callerNameOf = (request: FastifyRequest): string | undefined => (request as { caller?: { name: string } }).caller?.name;
