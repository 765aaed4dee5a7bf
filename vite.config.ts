// Builds the web app (src/web) into dist/web, which `kartoteka serve` serves.
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src/web',
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: '../../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 900, sourcemap: false },
  logLevel: 'warn',
});
