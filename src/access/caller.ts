import type { FastifyRequest } from 'fastify';

/** What a key allows, each role including the ones before it. */
export const ROLES = ['reader', 'recorder', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who sent a request: the name of their key (it becomes `recordedBy`) and its role. */
export interface Caller {
  readonly name: string;
  readonly role: Role;
}

/** Every caller while no key exists (local mode), and the command line, which reaches the store directly. */
export const LOCAL_CALLER: Caller = { name: 'local', role: 'admin' };

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the access check before anything else runs; absent on public routes (health, docs). */
    caller?: Caller;
  }
}

export const hasRole = (caller: Caller, needed: Role): boolean => ROLES.indexOf(caller.role) >= ROLES.indexOf(needed);

/** The caller the access check found for this request, or undefined on a public route. */
export const callerOf = (request: FastifyRequest): Caller | undefined => request.caller;
