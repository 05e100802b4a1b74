/** The names users key their workflows off: action.yml, the vocabulary and the README must agree with design.md. */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse as parseYaml } from 'yaml'
import { CAUSE_INFO } from '../../src/core/causes.js'
import { CAUSE_CODES, KEY_STATUSES } from '../../src/core/vocabulary.js'
import { TOOL_INFO } from '../../src/settings/tool.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const read = (file: string): string => readFileSync(path.join(root, file), 'utf8')

interface Manifest {
  runs: { using: string; main: string }
  inputs: Record<string, { default?: string }>
  outputs: Record<string, unknown>
}
const manifest = parseYaml(read('action.yml')) as Manifest
const readme = read('README.md')

const DESIGN_INPUTS: Record<string, string> = {
  'api-key': '',
  'base-url': 'https://api.openai.com/v1',
  provider: 'auto',
  'auth-scheme': 'auto',
  'gateway-token': '',
  'gateway-header': '',
  organization: '',
  project: '',
  liveness: 'true',
  'required-models': '',
  'inference-check': 'false',
  scan: 'changed',
  'verify-leaks': 'true',
  'fail-on': 'key,leak',
  'sarif-file': '',
  'github-token': '${{ github.token }}',
  timeout: '10'
}
const DESIGN_OUTPUTS = ['key-status', 'cause', 'key-type', 'leaks', 'live-leaks', 'sarif-file']

describe('action.yml', () => {
  it('runs the committed bundle on node24', () => {
    expect(manifest.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })

  it('declares exactly the inputs of design.md with their defaults', () => {
    const defaults = Object.fromEntries(
      Object.entries(manifest.inputs).map(([name, spec]) => [name, spec.default ?? ''])
    )
    expect(defaults).toEqual(DESIGN_INPUTS)
  })

  it('declares exactly the outputs of design.md', () => {
    expect(Object.keys(manifest.outputs).sort()).toEqual([...DESIGN_OUTPUTS].sort())
  })
})

describe('README', () => {
  it('documents every input, output, key-status and cause', () => {
    for (const name of [...Object.keys(DESIGN_INPUTS), ...DESIGN_OUTPUTS, ...KEY_STATUSES, ...CAUSE_CODES]) {
      expect(readme).toContain(`\`${name}\``)
    }
  })

  it('gives the fix of every cause in its cause table', () => {
    for (const [cause, info] of Object.entries(CAUSE_INFO)) {
      const row = readme
        .split('\n')
        .find(line => new RegExp(`^\\|\\s*\`[a-z-]+\`\\s*\\|\\s*\`${cause}\`\\s*\\|`).test(line))
      expect(row).toBeDefined()
      expect(row).toContain(`\`${info.status}\``)
    }
  })

  it('has a quick start of exactly two commands: run the doctor, run the tests', () => {
    const quickStart = readme.split('## Quick start')[1].split('\n## ')[0]
    const commands = [...quickStart.matchAll(/```sh\n([\s\S]*?)```/g)].map(match => match[1].trim())
    expect(commands).toEqual(['npm ci && npm start', 'npm ci && npm test'])
  })
})

describe('package.json', () => {
  it('names the same version as the reports and the CLI', () => {
    expect(JSON.parse(read('package.json')).version).toBe(TOOL_INFO.version)
  })
})
