// The renderer's build: one page, served by `serve` over HTTP and loaded by Electron from
// file://, hence relative asset URLs (base './').
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { cspMetaPlugin } from './src-main/electron/build/csp-meta-plugin';

export default defineConfig({
  root: 'src-renderer',
  base: './',
  // The CSP as a <meta> too: the Electron shell's fallback for its response header (build only).
  plugins: [react(), cspMetaPlugin()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    // The page is loaded from disk or loopback: one request per chunk costs nothing worth splitting for.
    chunkSizeWarningLimit: 1024,
    // The strict Content-Security-Policy of `serve` allows no inline script: keep everything in files.
    modulePreload: { polyfill: false },
  },
  server: { port: 5173, strictPort: false },
});
