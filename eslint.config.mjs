// One lint configuration for the whole repository: TypeScript sources and tests, and each subgraph's SDL.
// Formatting is Prettier's (.prettierrc.json); these rules catch what a formatter cannot.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import graphqlPlugin from '@graphql-eslint/eslint-plugin';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/dist-check/**', '**/node_modules/**', '**/generated/**', '.data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      // configuration is read once, in the files named env.ts / config.ts, and handed out typed
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'read configuration through env.ts/config.ts (readEnv)' },
      ],
      'no-duplicate-imports': ['error', { allowSeparateTypeImports: true }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // where configuration is read; test kits hand the test server's address between processes; tests set TZ
    files: ['**/env.ts', '**/config.ts', '**/*.config.ts', 'test/kit/**', '**/*.test.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  // each subgraph's SDL, checked against its own schema (with the kit's shared types)
  // (the projects are in graphql.config.js: one per subgraph, found by the file's path)
  {
    files: ['services/*/schema.graphql'],
    languageOptions: { parser: graphqlPlugin.parser },
    plugins: { '@graphql-eslint': graphqlPlugin },
    rules: {
      ...graphqlPlugin.configs['flat/schema-recommended'].rules,
      // the house conventions (CONVENTIONS.md): bilingual descriptions, Relay-style pages of our own shape
      '@graphql-eslint/require-description': ['error', { types: true, rootField: true }],
      '@graphql-eslint/naming-convention': [
        'error',
        {
          types: 'PascalCase',
          FieldDefinition: 'camelCase',
          InputValueDefinition: 'camelCase',
          Argument: 'camelCase',
          EnumValueDefinition: 'UPPER_CASE',
          'FieldDefinition[parent.name.value=Query]': { forbiddenPrefixes: ['get', 'query'] },
          'FieldDefinition[parent.name.value=Mutation]': { forbiddenPrefixes: ['get'] },
        },
      ],
      // block descriptions on types, inline ones on fields: the house style, which the rule cannot say
      '@graphql-eslint/description-style': 'off',
      '@graphql-eslint/strict-id-in-types': 'off',
      '@graphql-eslint/no-typename-prefix': 'off',
      '@graphql-eslint/input-name': 'off',
      '@graphql-eslint/relay-page-info': 'off',
      '@graphql-eslint/relay-connection-types': 'off',
      '@graphql-eslint/relay-edge-types': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        globalThis: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // the gateway's IDE page runs in the browser, beside the UMD bundles it loads (React, GraphiQL)
    files: ['gateway/ide/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: {
        window: 'readonly',
        document: 'readonly',
        fetch: 'readonly',
        atob: 'readonly',
        sessionStorage: 'readonly',
        localStorage: 'readonly',
        React: 'readonly',
        ReactDOM: 'readonly',
        GraphiQL: 'readonly',
      },
    },
  },
);
