// The web app's lint: typescript-eslint's recommended rules, the rules of hooks, and the feature boundaries
// of a bulletproof-react layout (README.md, "Layout and lint"), checked on every import.
import { defineConfig } from 'eslint/config';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'e2e/artifacts/'] },
  tseslint.configs.recommended,
  {
    rules: {
      // `const { a, ...rest } = x` is how an object is copied without some of its fields.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { boundaries },
    settings: {
      'boundaries/root-path': import.meta.dirname,
      'import/resolver': { typescript: { project: `${import.meta.dirname}/tsconfig.app.json` } },
      'boundaries/elements': [
        { type: 'app', pattern: 'src/app', partialMatch: false },
        { type: 'feature', pattern: 'src/features/*', partialMatch: false, capture: ['feature'] },
        { type: 'shared', pattern: 'src/{components,hooks,lib,types}', partialMatch: false },
        { type: 'styles', pattern: 'src/styles', partialMatch: false },
        { type: 'testing', pattern: 'src/testing', partialMatch: false },
        // What is left in src: main.tsx, the entry point.
        { type: 'main', pattern: 'src', partialMatch: false },
      ],
      'boundaries/files': [{ category: 'test', pattern: '**/*.test.{ts,tsx}' }],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: [
            { from: { element: { type: 'main' } }, allow: { to: { element: { types: { anyOf: ['app', 'shared', 'styles'] } } } } },
            { from: { element: { type: 'app' } }, allow: { to: { element: { types: { anyOf: ['app', 'feature', 'shared'] } } } } },
            {
              from: { element: { type: 'feature' } },
              allow: [
                { to: { element: { type: 'feature', captured: { feature: '{{ from.element.captured.feature }}' } } } },
                { to: { element: { type: 'shared' } } },
              ],
            },
            { from: { element: { type: 'shared' } }, allow: { to: { element: { type: 'shared' } } } },
            { from: { element: { type: 'testing' } }, allow: { to: { element: { types: { anyOf: ['shared', 'testing'] } } } } },
            { from: { file: { categories: 'test' } }, allow: { to: { element: { type: 'testing' } } } },
          ],
        },
      ],
    },
  },
);
