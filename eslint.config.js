// Lint rules, including the import boundaries that make each folder one runtime environment
// (see ../shared/STYLE.md §1): shared/ is pure, services never see Electron, the renderer never
// sees Node.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'util', 'stream', 'zlib', 'worker_threads'];
const ELECTRON = ['electron', 'electron/*'];
const restrict = (groups, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: groups, message }] }],
});

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist-electron/', 'release/', 'test-results/', 'playwright-report/', 'coverage/', 'shared/regions/generated/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      eqeqeq: 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict([...NODE_BUILTINS, ...ELECTRON, 'react', 'react-dom', 'react-dom/*', '../electron/*', '../renderer/*', '../../electron/*', '../../renderer/*'],
      'shared/ is pure TypeScript: no Node, Electron, DOM or other folders.'),
  },
  {
    // tsconfig.shared.json has no DOM lib; this also names the globals in the lint output.
    files: ['shared/**/*.ts'],
    rules: { 'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'process', 'Buffer', '__dirname'] },
  },
  {
    files: ['electron/services/**/*.ts', 'electron/host/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: restrict([...ELECTRON, 'react', 'react-dom', 'react-dom/*', '**/renderer/**'],
      'services and the browser host run without Electron and without a DOM.'),
  },
  {
    // The reference server is a Node program of its own. It reuses the Electron-free services it
    // shares with the kiosk (database owner, crypto, logger) — never the shell, host or renderer.
    files: ['server/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'the server never runs inside Electron.' }],
        patterns: [{
          group: ['react', 'react-dom', 'react-dom/*', '**/renderer/**', '**/electron/host/**', '**/electron/main', '**/electron/preload', '**/electron/ipc', '**/services/queue/**', '**/services/sync/**'],
          message: 'the server shares only electron/services/{db,crypto,log} and shared/ with the kiosk.',
        }],
      }],
    },
  },
  {
    files: ['electron/*.ts'],
    languageOptions: { globals: globals.node },
    rules: restrict(['react', 'react-dom', 'react-dom/*', '**/renderer/**', '**/host/**'],
      'the Electron shell uses services and shared/, never the renderer or the browser host.'),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict([...NODE_BUILTINS, ...ELECTRON, '**/electron/**', 'better-sqlite3'],
        'the renderer talks to the host only through renderer/app/api.ts.'),
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*.{js,mjs,ts}', '*.config.{ts,js,mts}', '*.mts', 'eslint.config.js'],
    languageOptions: { globals: globals.node },
  },
);
