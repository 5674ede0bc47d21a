import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The back office: staff pages served by the central server under /staff/ (server/backoffice-pages.ts),
// relative asset URLs, no inline scripts (the server's strict CSP), nothing from the network.
export default defineConfig({
  root: 'backoffice',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/backoffice',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    target: 'chrome120',
  },
});
