// Lint: typescript-eslint's recommended rules (syntax only: fast, no type information) over the
// service, its tests, the web app and the scripts, plus the React hooks rules for web/; formatting
// is Prettier's job (.prettierrc.json), so eslint-config-prettier turns off the rules it owns.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import oneDecoratorPerLine from './scripts/eslint-rules/one-decorator-per-line.mjs';

export default tseslint.config(
  { ignores: ['dist/**', 'web/dist/**', '**/node_modules/**', 'data/**', 'coverage/**', 'src/database/migrations/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { local: { rules: { 'one-decorator-per-line': oneDecoratorPerLine } } },
    rules: {
      // Unused names are allowed when they say so (`_` prefix): handlers keep their signatures.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // Nest modules are classes with only decorators.
      '@typescript-eslint/no-extraneous-class': 'off',
      eqeqeq: ['error', 'smart'],
      'local/one-decorator-per-line': 'error',
      // Input sanitisers strip control characters on purpose.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  prettier,
);
