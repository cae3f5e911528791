import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The web view (web/) built into dist/web/public, which the server serves at / (src/web/serve-web.ts).
 * Everything it needs, the country outlines included, is bundled: the page works with no internet access.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./web', import.meta.url)),
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('./dist/web/public', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
  },
});
