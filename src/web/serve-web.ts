import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * Where the build puts the web view (vite.config.mjs). The same path from src/web (tests, run
 * from the sources) and from dist/web (the built server): both are two folders below the root.
 */
export const WEB_ROOT = resolve(__dirname, '../../dist/web/public');

/**
 * Serves the web view at / from the files the build wrote. Only those files get routes (no
 * wildcard), so every other path stays the API's. Hashed assets are cached for good; index.html
 * is revalidated, so a new build shows at the next load.
 */
export function serveWeb(fastify: FastifyInstance, root = WEB_ROOT): void {
  if (!existsSync(join(root, 'index.html'))) {
    fastify.log.warn(`web view not built (no ${join(root, 'index.html')}): run npm run build`);
    return;
  }
  void fastify.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    decorateReply: false,
    index: 'index.html',
    setHeaders(reply, path) {
      reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}
