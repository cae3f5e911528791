import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';
import { LOCAL_CALLER, callerOf } from '../access/caller';

/** Requests a minute for each API key when RATE_LIMIT_PER_MINUTE is not set: far more than any person or script needs. */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 6000;

/**
 * At most so many requests a minute per caller (429 with Retry-After), counted per API key, or
 * per client address in local mode. Local mode is one person on their own machine (it listens on
 * loopback), and the benchmark runs in it: there the limit applies only when
 * RATE_LIMIT_PER_MINUTE is set. Counted before the handler and the idempotency claim
 * (preValidation), after access control has named the caller (onRequest).
 */
/** A request made with an API key; local mode's caller and public routes (health, docs) have none. */
const isKeyed = (request: FastifyRequest): boolean => {
  const caller = callerOf(request);
  return caller !== undefined && caller !== LOCAL_CALLER;
};

export async function registerRateLimit(fastify: FastifyInstance, config: AppConfig): Promise<void> {
  await fastify.register(rateLimit, {
    hook: 'preValidation',
    max: config.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE,
    timeWindow: 60_000,
    keyGenerator: (request: FastifyRequest) => (isKeyed(request) ? `caller:${callerOf(request)!.name}` : `address:${request.ip}`),
    allowList: (request: FastifyRequest) => !isKeyed(request) && config.rateLimitPerMinute === null,
    // Thrown, so the error filter answers it in the contract's error body.
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error(`too many requests: at most ${context.max} a minute; retry in ${context.after}`), { statusCode: context.statusCode }),
  });
}
