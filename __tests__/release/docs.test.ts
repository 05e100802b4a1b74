/**
 * README.md and docs/ against the repository: the generated tables are what the code says (npm run docs), every
 * relative link and every repository path they name exists, and the versions the examples pin are the ones the
 * release of package.json's version creates.
 */
import { describe, expect, it } from '@jest/globals'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse as parseYaml } from 'yaml'
import { renderDocs } from '../../script/docs.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const read = (file: string): string => readFileSync(path.join(root, file), 'utf8')

const DOCUMENTS = [
  'README.md',
  'CHANGELOG.md',
  'RELEASING.md',
  'SECURITY.md',
  ...readdirSync(path.join(root, 'docs'))
    .filter(name => name.endsWith('.md'))
    .map(name => `docs/${name}`)
]

/** Text outside fenced code blocks, where examples may name the user's files. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '')
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchors(markdown: string): Set<string> {
  return new Set(
    prose(markdown)
      .split('\n')
      .filter(line => /^#{1,6} /.test(line))
      .map(line =>
        line
          .replace(/^#+ /, '')
          .trim()
          .toLowerCase()
          .replace(/[^\p{L}\p{N} _-]/gu, '')
          .replace(/ /g, '-')
      )
  )
}

describe('generated documentation', () => {
  it('matches what the code says (run npm run docs after changing action.yml, causes or CLI flags)', async () => {
    for (const { file, current, expected } of await renderDocs(root)) {
      expect({ file, content: current }).toEqual({ file, content: expected })
    }
  })
})

describe('README.md', () => {
  it('links every page under docs/', () => {
    const readme = read('README.md')
    const unlinked = DOCUMENTS.filter(file => file.startsWith('docs/') && !readme.includes(`](${file})`))
    expect(unlinked).toEqual([])
  })
})

describe.each(DOCUMENTS)('%s', document => {
  const text = read(document)

  it('links only to files and headings that exist', () => {
    const broken: string[] = []
    for (const [, target] of prose(text).matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target)) continue
      const [file, anchor] = target.split('#')
      const resolved = file ? path.join(path.dirname(document), file) : document
      if (!existsSync(path.join(root, resolved))) broken.push(`${target} (no ${resolved})`)
      else if (anchor && resolved.endsWith('.md') && !anchors(read(resolved)).has(anchor))
        broken.push(`${target} (no heading #${anchor} in ${resolved})`)
    }
    expect(broken).toEqual([])
  })

  it('names only repository paths that exist', () => {
    const named = [
      ...prose(text).matchAll(
        /`((?:src|__tests__|docs|bench|script|shared|dist|\.ci|\.github\/workflows)\/[^`*\s]*)`/g
      )
    ]
    const missing = named.map(match => match[1]).filter(name => !existsSync(path.join(root, name)))
    expect(missing).toEqual([])
  })
})

describe('versions the examples pin', () => {
  const { version } = JSON.parse(read('package.json')) as { version: string }
  const major = `v${version.split('.')[0]}`

  it.each(DOCUMENTS)('are the release of package.json and its major tag in %s', document => {
    const text = read(document)
    const pins = [
      ...text.matchAll(/openai-key-doctor\/openai-key-doctor(?:@|#)(v[\w.-]+)/g),
      ...text.matchAll(/^\s*rev: (v[\w.-]+)/gm),
      ...text.matchAll(/@<40-hex-commit-sha> # (v[\w.-]+)/g)
    ].map(match => match[1])
    for (const pin of pins) expect([major, `v${version}`]).toContain(pin)
    const npmPins = [...text.matchAll(/openai-key-doctor@(\d[\w.-]*)/g)].map(match => match[1])
    for (const pin of npmPins) expect([major.slice(1), version]).toContain(pin)
  })
})

/**
 * Every `run:` script of a YAML document or fragment: a workflow, a job's steps, a step. Users copy these; an
 * expression expanded inside a script is script injection the day its value holds a quote (GitHub's hardening
 * guide: pass it through `env:`).
 */
function runScripts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(runScripts)
  if (node === null || typeof node !== 'object') return []
  return Object.entries(node).flatMap(([key, value]) =>
    key === 'run' && typeof value === 'string' ? [value] : runScripts(value)
  )
}

describe('workflow examples', () => {
  const workflows = readdirSync(path.join(root, '.github/workflows')).map(name => `.github/workflows/${name}`)
  const yamlOf = (file: string): string[] =>
    file.endsWith('.md')
      ? [...read(file).matchAll(/^```ya?ml\n([\s\S]*?)^```/gm)].map(match => match[1])
      : [read(file)]

  it.each([...DOCUMENTS, ...workflows, 'action.yml'])(
    'pass expressions to scripts through env: in %s',
    file => {
      const expanded = yamlOf(file)
        .flatMap(text => runScripts(parseYaml(text)))
        .filter(script => script.includes('${{'))
      expect(expanded).toEqual([])
    }
  )

  it('finds the scripts it checks (a script with an expression is caught)', () => {
    const scripts = runScripts(parseYaml('steps:\n  - run: echo "${{ steps.doctor.outputs.cause }}"\n'))
    expect(scripts.filter(script => script.includes('${{'))).toHaveLength(1)
  })
})
