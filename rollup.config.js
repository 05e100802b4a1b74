// Bundles the action (dist/index.js), the CLI (dist/cli/index.js), the organization sweep's steps
// (dist/sweep/index.js, run by sweep/action.yml) with their shared and lazily loaded
// chunks (dist/chunks/), as actions/typescript-action does. `npm run build`; commit dist/ with src/.
import commonjs from '@rollup/plugin-commonjs'
import json from '@rollup/plugin-json'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import typescript from '@rollup/plugin-typescript'
import license from 'rollup-plugin-license'

/**
 * Imported by @actions/core only for what this action never calls (OIDC tokens, runner platform details):
 * evaluating them (an HTTP client, undici, tunnel, exec) doubled the action's start-up. Declared free of side
 * effects, they are bundled only where their exports are used (@actions/github's proxy agent, for one).
 */
const SIDE_EFFECT_FREE_PACKAGES = ['@actions/http-client', '@actions/exec', '@actions/io', 'tunnel']

/** undici requires it only when asked (Node 22.5+ has it, Node 20 does not): it must stay a call at run time. */
const LAZY_SQLITE = 'node:sqlite'

/**
 * CommonJS `require` calls that stay calls (inside try/catch, as @rollup/plugin-commonjs leaves them, and
 * LAZY_SQLITE) get a `require` in the ES module chunk that holds them; without one they would throw
 * ReferenceError, which undici's try/catch would take for a missing module.
 */
function requireForLeftoverCalls() {
  const declaration =
    "import { createRequire } from 'node:module'\nconst require = createRequire(import.meta.url)\n"
  return {
    name: 'require-for-leftover-calls',
    renderChunk(code) {
      if (!/(?<![\w$.])require\(/.test(code)) return null
      const hashbang = code.startsWith('#!') ? code.slice(0, code.indexOf('\n') + 1) : ''
      return { code: hashbang + declaration + code.slice(hashbang.length), map: null }
    }
  }
}

const inPackage = (id, name) => id.includes(`/node_modules/${name}/`)

export default {
  input: { index: 'src/index.ts', 'cli/index': 'src/cli.ts', 'sweep/index': 'src/sweep/index.ts' },
  output: {
    dir: 'dist',
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    generatedCode: 'es2015',
    plugins: [requireForLeftoverCalls()]
  },
  treeshake: {
    moduleSideEffects: id => !SIDE_EFFECT_FREE_PACKAGES.some(name => inPackage(id, name))
  },
  onwarn(warning, warn) {
    // undici and @octokit use `this` at the top of CommonJS/ESM wrappers; harmless in a bundle.
    if (warning.code === 'THIS_IS_UNDEFINED') return
    if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.every(id => id.includes('/node_modules/')))
      return
    warn(warning)
  },
  plugins: [
    typescript({ tsconfig: './tsconfig.json', outDir: 'dist', rootDir: 'src', noEmitOnError: true }),
    nodeResolve({ preferBuiltins: true, exportConditions: ['node'] }),
    commonjs({ ignore: [LAZY_SQLITE] }),
    json(),
    license({ thirdParty: { output: { file: 'dist/licenses.txt' }, includePrivate: false } })
  ]
}
