import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AccessKeys } from './access-keys';
import { REFUSALS, Refusal, forbidden, isRefusal, refusalBody } from './access-refusals';
import { hasRole } from './caller';
import { PUBLIC, accessOf } from './route-access';

/** A route registered without saying who may call it: the app does not start. */
export class UndeclaredRoute extends Error {
  constructor(method: string, url: string) {
    super(`${method} ${url} has no declared access: add it to ROUTE_ACCESS in src/access/route-access.ts (a role, or PUBLIC)`);
  }
}

/** Refuses to register a route that `ROUTE_ACCESS` does not name, so none can be left open by mistake. */
export function requireDeclaredAccess(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (accessOf(method, route.url) === undefined) throw new UndeclaredRoute(method, route.url);
    }
  });
}

/**
 * Checks the caller's key before anything else reads the request (its body included) and puts the
 * caller on it (`callerOf(request)`). Must run before the hooks that read the caller (rate limits).
 */
export function installAccessControl(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const keys = app.get(AccessKeys);
  requireDeclaredAccess(fastify);
  fastify.addHook('onRequest', (request, reply, done) => {
    // An undeclared route cannot be registered (above); were one ever, only admins would pass.
    const needed = accessOf(request.method, request.routeOptions.url) ?? 'admin';
    if (needed === PUBLIC) return done();
    const caller = keys.authenticate(request.headers.authorization);
    if (isRefusal(caller)) return refuse(reply, caller);
    if (!hasRole(caller, needed)) return refuse(reply, forbidden(REFUSALS.roleTooLow(needed, caller.name, caller.role)));
    request.caller = caller;
    done();
  });
}

function refuse(reply: FastifyReply, refusal: Refusal): void {
  void reply.code(refusal.status).header('WWW-Authenticate', refusal.challenge).send(refusalBody(refusal));
}
