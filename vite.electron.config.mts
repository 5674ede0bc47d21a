import { defineConfig } from 'vite';
import { builtinModules } from 'node:module';

// Bundles the Electron shell: main.js (ESM, Electron ≥ 28 loads it natively) and preload.cjs
// (CommonJS: sandboxed preloads cannot be ES modules). Native and Electron modules stay external.
// `--mode preload` builds the preload; the default mode builds main.
const external = ['electron', 'better-sqlite3', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default defineConfig(({ mode }) => {
  const preload = mode === 'preload';
  return {
    build: {
      outDir: 'dist-electron',
      emptyOutDir: !preload,
      target: 'node22',
      minify: false,
      sourcemap: true,
      ssr: true,
      lib: {
        entry: preload ? 'electron/preload.ts' : 'electron/main.ts',
        formats: [preload ? 'cjs' : 'es'],
        fileName: () => (preload ? 'preload.cjs' : 'main.js'),
      },
      rollupOptions: { external },
    },
    ssr: { noExternal: preload ? true : ['zod'] },
  };
});
