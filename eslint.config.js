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
    rules: restrict([...NODE_BUILTINS, ...ELECTRON, 'react', 'react-dom', 'react-dom/*', '**/electron/**', '**/renderer/**', '**/node/**', '**/server/**'],
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
    rules: restrict([...ELECTRON, 'react', 'react-dom', 'react-dom/*', '**/renderer/**', '**/server/**'],
      'services and the browser host run without Electron and without a DOM.'),
  },
  {
    // node/ is the Node code the kiosk and the central server share (crypto, the SQLite opener and
    // migrator, the log, profiles): it knows neither program — no kiosk paths, no server policies.
    files: ['node/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: restrict([...ELECTRON, 'react', 'react-dom', 'react-dom/*', '**/electron/**', '**/renderer/**', '**/server/**'],
      'node/ imports only shared/, Node and libraries: the kiosk and the server both build on it.'),
  },
  {
    // The reference server is a Node program of its own: it shares node/ and shared/ with the kiosk,
    // never anything of the kiosk's own folder.
    files: ['server/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: restrict([...ELECTRON, 'react', 'react-dom', 'react-dom/*', '**/electron/**', '**/renderer/**'],
      'the server shares only node/ and shared/ with the kiosk.'),
  },
  {
    files: ['electron/*.ts'],
    languageOptions: { globals: globals.node },
    rules: restrict(['react', 'react-dom', 'react-dom/*', '**/renderer/**', '**/host/**', '**/server/**'],
      'the Electron shell uses services, node/ and shared/, never the renderer, the browser host or the server.'),
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
    files: ['backoffice/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict([...NODE_BUILTINS, ...ELECTRON, '**/electron/**', '**/renderer/**', '**/server/**', '**/node/**', 'better-sqlite3', 'pg'],
        'the back office is a browser page: it talks to the server only through backoffice/api.ts and shares only shared/.'),
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
