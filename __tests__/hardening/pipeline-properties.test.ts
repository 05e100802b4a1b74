/**
 * Property tests over the whole leak pipeline (engine scan -> summary, annotation plan, SARIF, JSON report):
 * every generated key, in every generated file type and surrounding punctuation, is found exactly once and
 * reported once in each report; no report shows more than 12 characters of any key (no 13-character piece of
 * it survives anywhere, escaped or not).
 */
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { redact } from '../../src/core/redact.js'
import { findLeaks } from '../../src/engine/find-leaks.js'
import { planAnnotations } from '../../src/report/annotations.js'
import { buildJsonReport } from '../../src/report/json.js'
import { buildSarif } from '../../src/report/sarif.js'
import { buildSummary } from '../../src/report/summary.js'
import type { AddedLine, ScanCoverage } from '../../src/scan/types.js'
import { OPENAI_SHAPES, OTHER_SHAPES, seededRandom } from '../helpers/keys.js'
import { readable } from './support.js'

/** Named families only (see __tests__/detectors/properties.test.ts for why the generic one is left out). */
const SHAPES = [...OPENAI_SHAPES, ...OTHER_SHAPES.filter(shape => shape.detectorId !== 'generic-sk-secret')]
const COMMIT = 'c0ffee'.padEnd(40, '0')

/** How keys sit in real files: the extension, and the text around the key on its line. */
const FILE_TYPES: Array<{ extension: string; before: string; after: string }> = [
  { extension: '.env', before: 'OPENAI_API_KEY=', after: '' },
  { extension: '.env', before: 'export OPENAI_API_KEY="', after: '"' },
  { extension: '.json', before: '{"openai": {"apiKey": "', after: '"}},' },
  { extension: '.yaml', before: "  api_key: '", after: "' # prod" },
  { extension: '.yml', before: '    OPENAI_API_KEY: ', after: '' },
  { extension: '.py', before: 'client = OpenAI(api_key="', after: '")' },
  { extension: '.js', before: 'const key = `', after: '`;' },
  { extension: '.ts', before: "headers: { Authorization: 'Bearer ", after: "' }," },
  { extension: '.md', before: 'Use `', after: '` for the demo.' },
  { extension: '.xml', before: '<apiKey>', after: '</apiKey>' },
  { extension: '.ipynb', before: '    "os.environ[\\"OPENAI_API_KEY\\"] = \\"', after: '\\"\\n",' },
  { extension: '.toml', before: 'api_key = """', after: '"""' },
  {
    extension: '.txt',
    before: 'curl -H "Authorization: Bearer ',
    after: '" https://api.openai.com/v1/models'
  },
  { extension: '.html', before: '<input value="', after: '">' },
  { extension: '.csv', before: 'prod,', after: ',2024-01-01' },
  { extension: '.tf', before: 'openai_key = "', after: '"' }
]
const OPENERS = ['', ' ', '\t', '"', "'", '(', '[', '{', ',', '=', ':', '>', '|', '\\n', '%22']
const CLOSERS = ['', ' ', '\t', ',', ')', '"', "'", ';', '<', ']', '}', '.', '&', '\\n', '%22', '\u00a0']

/** Any one-line text with no `sk-` (which could start another key). */
const filler = fc
  .string({ unit: 'binary', maxLength: 30 })
  .filter(text => !text.includes('sk-') && !/[\r\n]/.test(text))

const placement = fc.record({
  seed: fc.integer(),
  shape: fc.nat(SHAPES.length - 1),
  fileType: fc.nat(FILE_TYPES.length - 1),
  opener: fc.constantFrom(...OPENERS),
  closer: fc.constantFrom(...CLOSERS),
  head: filler,
  tail: filler,
  linesBefore: fc.array(filler, { maxLength: 3 }),
  /** Put this key on the same line as the previous one. */
  sameLine: fc.boolean(),
  directory: fc.constantFrom('', 'config/', 'src/deep/er/', 'dir with space/', 'ünïcode/')
})

interface Placed {
  key: string
  path: string
  line: number
  startColumn: number
}

/** Lays the keys out in files; returns the added lines and where each key must be found. */
type Placement = typeof placement extends fc.Arbitrary<infer T> ? T : never

function layOut(placements: Array<Placement & { key: string }>): {
  lines: AddedLine[]
  placed: Placed[]
} {
  const files = new Map<string, string[]>()
  const placed: Placed[] = []
  placements.forEach((item, index) => {
    const type = FILE_TYPES[item.fileType]
    const previous = placed[placed.length - 1]
    const appendTo = item.sameLine && previous ? previous : undefined
    const path = appendTo?.path ?? `${item.directory}file-${index}${type.extension}`
    const lines = files.get(path) ?? []
    files.set(path, lines)
    const prefix = `${item.opener === '' ? '' : item.head + item.opener}${type.before}`
    const suffix = `${type.after}${item.closer === '' ? '' : item.closer + item.tail}`
    if (appendTo) {
      const start = `${lines[appendTo.line - 1]} ; ${prefix}`
      lines[appendTo.line - 1] = `${start}${item.key}${suffix}`
      placed.push({ key: item.key, path, line: appendTo.line, startColumn: start.length + 1 })
    } else {
      lines.push(...item.linesBefore)
      lines.push(`${prefix}${item.key}${suffix}`)
      placed.push({ key: item.key, path, line: lines.length, startColumn: prefix.length + 1 })
    }
  })
  const lines = [...files].flatMap(([path, texts]) =>
    texts.map((text, index) => ({ path, line: index + 1, text, commit: COMMIT }))
  )
  return { lines, placed }
}

function coverageOf(lines: AddedLine[]): ScanCoverage {
  return {
    mode: 'changed',
    range: 'pull_request #1',
    source: 'git',
    commits: 1,
    files: new Set(lines.map(line => line.path)).size,
    bytes: 0,
    skipped: [],
    incomplete: false
  }
}

/** The longest piece of any key a text shows must be at most 12 characters. */
function expectNoPieceOfKeys(channel: string, text: string, keys: string[]): void {
  const pieces = new Set<string>()
  for (let index = 0; index + 13 <= text.length; index++) pieces.add(text.slice(index, index + 13))
  for (const key of keys) {
    for (let index = 0; index + 13 <= key.length; index++) {
      if (pieces.has(key.slice(index, index + 13))) {
        throw new Error(`${channel} shows 13+ characters of ${redact(key)} (at ${index})`)
      }
    }
  }
}

describe('the leak pipeline, from added lines to every report', () => {
  it('finds every key exactly once, reports it once everywhere, and never shows more than 12 characters', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(placement, { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        async (items, firstIsConfigured) => {
          const withKeys = items.map(item => ({
            ...item,
            key: SHAPES[item.shape].make(seededRandom(item.seed))
          }))
          const keys = withKeys.map(item => item.key)
          fc.pre(new Set(keys).size === keys.length)
          const { lines, placed } = layOut(withKeys)
          const configuredKey = firstIsConfigured ? keys[0] : undefined

          const scan = await findLeaks(
            {
              lines: (async function* () {
                yield* lines
              })(),
              coverage: () => coverageOf(lines)
            },
            { configuredKey }
          )

          expect(scan.findings).toHaveLength(keys.length)
          for (const expected of placed) {
            const found = scan.findings.filter(finding => finding.secret === expected.key)
            if (found.length !== 1) throw new Error(`${redact(expected.key)} found ${found.length} times`)
            expect({ path: found[0].path, line: found[0].line, column: found[0].startColumn }).toEqual({
              path: expected.path,
              line: expected.line,
              column: expected.startColumn
            })
            expect(found[0].endColumn).toBe(expected.startColumn + expected.key.length - 1)
            if (expected.key === configuredKey) expect(found[0].severity).toBe('critical')
          }

          const summary = buildSummary({
            findings: scan.findings,
            coverage: scan.coverage,
            verifyLeaks: false,
            links: { repositoryUrl: 'https://github.com/octo/app' }
          })
          const plan = planAnnotations(scan.findings)
          const sarif = buildSarif(scan.findings, {
            toolVersion: '0.1.0',
            informationUri: 'https://example.test'
          })
          const json = buildJsonReport({ findings: scan.findings, coverage: scan.coverage })

          // Once in every report.
          const rows = summary.split('\n').filter(line => /^\| `/.test(line))
          expect(rows).toHaveLength(keys.length)
          expect(plan.annotations).toHaveLength(Math.min(keys.length, 10))
          expect(sarif.runs[0].results).toHaveLength(keys.length)
          expect(json.leaks).toHaveLength(keys.length)
          for (const expected of placed) {
            const shown = redact(expected.key)
            expect(shown.replace('…', '').length).toBeLessThanOrEqual(12)
            expect(rows.some(row => row.includes(shown))).toBe(true)
            expect(
              sarif.runs[0].results.filter(
                result =>
                  result.locations[0].physicalLocation.artifactLocation.uri === encodeURI(expected.path) ||
                  result.locations[0].physicalLocation.artifactLocation.uri === expected.path
              ).length
            ).toBeGreaterThan(0)
            expect(
              json.leaks.filter(leak => leak.redacted === shown && leak.path === expected.path)
            ).toHaveLength(
              placed.filter(other => other.path === expected.path && redact(other.key) === shown).length
            )
          }

          // Never more than 12 characters of any key, in any channel, escaped or not.
          expectNoPieceOfKeys('summary', summary, keys)
          expectNoPieceOfKeys('summary as read', readable(summary), keys)
          expectNoPieceOfKeys('annotations', JSON.stringify(plan), keys)
          expectNoPieceOfKeys('SARIF', JSON.stringify(sarif), keys)
          expectNoPieceOfKeys('JSON report', JSON.stringify(json), keys)
        }
      ),
      { numRuns: 150 }
    )
  })
})
