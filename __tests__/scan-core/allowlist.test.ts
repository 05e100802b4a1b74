import { describe, expect, it } from '@jest/globals'
import { detectorsFor } from '../../src/detectors/registry.js'
import { parseAllowlist } from '../../src/scan/allowlist.js'
import { compilePathGlobs } from '../../src/scan/path-globs.js'
import { fingerprint } from '../../src/scan/fingerprint.js'
import { createScanner } from '../../src/scan/scanner.js'
import type { AddedLine } from '../../src/scan/types.js'
import { OPENAI_SHAPES, seededRandom } from '../helpers/keys.js'

const projectShape = OPENAI_SHAPES.find(shape => shape.label.startsWith('project 74+M+74'))!
const keyA = projectShape.make(seededRandom(21))
const keyB = projectShape.make(seededRandom(22))

function scanWith(
  allowlistFile: string | undefined,
  globs: string[],
  lines: AddedLine[],
  configuredKey?: string
) {
  const allowlist = parseAllowlist(allowlistFile, compilePathGlobs(globs))
  const scanner = createScanner({ detectors: detectorsFor(configuredKey), allowlist })
  const findings = lines.flatMap(line => scanner.scanLine(line))
  return { findings: findings.map(f => `${f.path}:${f.line}`), stats: scanner.stats, allowlist }
}

describe('inline markers', () => {
  it.each([
    `key = "${keyA}" # openai-key-doctor:allow`,
    `key = "${keyA}" // gitleaks:allow`,
    `key = "${keyA}" # trufflehog:ignore`,
    `key = "${keyA}"  # pragma: allowlist secret`,
    `/* OPENAI-KEY-DOCTOR:ALLOW */ key = "${keyA}"`
  ])('accept a finding on the marked line (%#)', text => {
    const { findings, stats } = scanWith(
      undefined,
      [],
      [
        { path: 'a.py', line: 1, text },
        { path: 'a.py', line: 2, text: `again = "${keyA}"` }
      ]
    )
    expect(findings).toEqual(['a.py:2'])
    expect(stats.suppressed['inline-marker']).toBe(1)
  })

  // Before the marker was looked up once per line, this line (about 3.7 MB, 20,000 keys) was searched
  // once per finding: tens of gigabytes of regex work, far past the test's 30 s limit.
  it('accept every finding of one huge marked line, searching the line for the marker once', () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => projectShape.make(seededRandom(1000 + i)))
    const text = `${keys.join(' ')} # openai-key-doctor:allow`
    const { findings, stats } = scanWith(undefined, [], [{ path: 'big.txt', line: 1, text }])
    expect(findings).toEqual([])
    expect(stats.suppressed['inline-marker']).toBe(keys.length)
  })
})

describe('path globs', () => {
  it('accept findings under matching paths, dotfiles included', () => {
    const lines = [
      'test/fixtures/keys/a.env',
      '.github/fixtures/x.yml',
      'config/.env.example',
      'src/app.ts',
      'test/unit.ts'
    ].map((path, i) => ({ path, line: i + 1, text: `K=${keyA}` }))
    const { findings, stats } = scanWith(
      undefined,
      ['test/fixtures/**', '**/fixtures/**', '**/.env.example', '  '],
      lines
    )
    expect(findings).toEqual(['src/app.ts:4', 'test/unit.ts:5'])
    expect(stats.suppressed.path).toBe(3)
  })
})

describe('the fingerprint file', () => {
  const file = [
    '# accepted test keys',
    '',
    `${fingerprint('openai-project-key', keyA)}   # the fixture key`,
    `  ${fingerprint('openai-project-key', 'another').toUpperCase()}  `,
    'test/a.env:openai-api-key:12',
    'not a fingerprint',
    '\t'
  ].join('\r\n')

  it('accepts the listed secret wherever it appears, and nothing else', () => {
    const { findings, stats } = scanWith(
      file,
      [],
      [
        { path: 'a.env', line: 1, text: keyA, commit: 'c1' },
        { path: 'b/c.env', line: 9, text: keyA, commit: 'c2' },
        { path: 'a.env', line: 2, text: keyB, commit: 'c1' }
      ]
    )
    expect(findings).toEqual(['a.env:2'])
    expect(stats.suppressed.fingerprint).toBe(2)
  })

  it('names the lines that are not fingerprints, so the user can fix them', () => {
    expect(parseAllowlist(file).invalidLines).toEqual([5, 6])
    expect(parseAllowlist(undefined).invalidLines).toEqual([])
  })
})

describe('the configured key', () => {
  const line = { path: 'test/fixtures/prod.env', line: 3, text: `OPENAI_API_KEY=${keyA} # gitleaks:allow` }

  it('is reported even under an allowed path and with a marker: it is the live production key', () => {
    const { findings, stats } = scanWith(undefined, ['test/fixtures/**'], [line], keyA)
    expect(findings).toEqual(['test/fixtures/prod.env:3'])
    expect(stats.suppressed).toEqual({ 'inline-marker': 0, path: 0, fingerprint: 0 })
  })

  it('is accepted by an explicit fingerprint entry', () => {
    const { findings, stats } = scanWith(`${fingerprint('configured-key', keyA)}\n`, [], [line], keyA)
    expect(findings).toEqual([])
    expect(stats.suppressed.fingerprint).toBe(1)
  })
})
