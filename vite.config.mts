import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is served by the app itself (app:// in Electron, loopback in the browser host):
// relative asset URLs, no inline scripts (strict CSP), nothing loaded from the network.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  // The second OCR engine's worker imports onnxruntime-web, an ES module that finds its
  // WebAssembly next to itself (import.meta.url): the worker is bundled as a module too.
  worker: { format: 'es' },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    target: 'chrome120',
    // face-api bundles tfjs: one 1.3 MB chunk, loaded from disk only when the selfie step opens.
    chunkSizeWarningLimit: 1400,
  },
});
