import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/', 'lib/', 'coverage/', 'node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        AbortSignal: 'readonly'
      }
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-control-regex': 'off'
    }
  },
  // git and the GitHub API are adapters that never import each other (nor the sources that compose them):
  // src/scan/sources/ decides which one reads what.
  {
    files: ['src/git/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: adapterBoundary('github') }] }
  },
  {
    files: ['src/github/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: adapterBoundary('git') }] }
  }
)

function adapterBoundary(other) {
  return [
    {
      group: [`**/${other}/*`],
      message: `src/git and src/github never import each other: compose them in src/scan/sources.`
    },
    {
      group: ['**/scan/sources/registry.js', '**/scan/sources/changed.js'],
      message: 'Adapters are composed by the sources, not the other way round.'
    }
  ]
}
