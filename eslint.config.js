import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'dist-firefox/', 'release/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Records keyed by tab id are the storage shape; deleting a key is the intent.
      '@typescript-eslint/no-dynamic-delete': 'off',
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "MemberExpression[property.name=/^(innerHTML|outerHTML)$/][parent.type='AssignmentExpression']",
          message: 'Set HTML only through the sanitizing module (src/core/extract/sanitize.ts).',
        },
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Render HTML only through the sanitizing module (src/ui/safe-html.tsx).',
        },
        {
          selector: "CallExpression[callee.property.name='insertAdjacentHTML']",
          message: 'Set HTML only through the sanitizing module.',
        },
      ],
    },
  },
  {
    // The two places allowed to put sanitized HTML into a document.
    files: ['src/core/extract/sanitize.ts', 'src/ui/safe-html.tsx'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['tests/**/*.ts', 'scripts/**/*.mjs'],
    rules: { 'no-restricted-syntax': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
