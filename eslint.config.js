// Lint rules that guard the architecture (STYLE.md R2, R14). Run with `npm run lint`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const pureFiles = ['server/src/**/*.rules.ts', 'server/src/**/*.policy.ts', 'server/src/**/*.contract.ts'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'web/src/lib/api-schema.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Named exports only (STYLE.md R12).' }],
    },
  },
  {
    // Every instant the server writes or decides with comes from the injected clock (ctx.clock), so a test or a
    // replay that moves the clock sees the same times: no argument-less `new Date()`, no `Date.now()`, no SQL now().
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/**/*.test.ts', 'server/src/platform/clock.ts', 'server/src/platform/log.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Named exports only (STYLE.md R12).' },
        { selector: 'NewExpression[callee.name="Date"][arguments.length=0]', message: 'Take the time from the injected clock (clock.now()), not new Date().' },
        { selector: 'CallExpression[callee.object.name="Date"][callee.property.name="now"]', message: 'Take the time from the injected clock (clock.now()), not Date.now().' },
        { selector: 'TemplateElement[value.raw=/\\b(now|clock_timestamp|statement_timestamp|transaction_timestamp)\\(\\)|\\bcurrent_(timestamp|date)\\b/i]', message: 'SQL takes the time as a parameter from the injected clock, never now() / CURRENT_TIMESTAMP.' },
        { selector: 'Literal[value=/\\b(now|clock_timestamp|statement_timestamp|transaction_timestamp)\\(\\)|\\bcurrent_(timestamp|date)\\b/i]', message: 'SQL takes the time as a parameter from the injected clock, never now() / CURRENT_TIMESTAMP.' },
      ],
    },
  },
  {
    // Rules, policies and contracts are pure: no HTTP, no SQL, no platform.
    files: pureFiles,
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/platform/**', 'fastify', 'fastify-*', '@fastify/*', 'pg', 'pg-boss', 'node:fs', 'node:fs/*'], message: 'Pure rule files import no I/O (STYLE.md R2).' }] },
      ],
    },
  },
  {
    // The browser bundles may use only contracts, rules and errors of the server, never its repos or routes.
    files: ['web/**/*.ts', 'web/**/*.tsx', 'portal/**/*.ts', 'portal/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/src/**/*.repo*', '**/server/src/**/*.routes*', '**/server/src/platform/**', '**/use-cases/**'], message: 'The web imports only *.contract, *.rules and *.errors (STYLE.md R2).' }] }],
    },
  },
  {
    // Test files and config files may default-export (vitest globalSetup) and be long.
    files: ['**/*.test.ts', '**/*.spec.ts', 'server/test/**', '*.config.ts', 'eslint.config.js'],
    rules: { 'no-restricted-syntax': 'off', 'max-lines': 'off' },
  },
);
