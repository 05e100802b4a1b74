/**
 * The tree scan's fast path: `scanBytes` over a whole file must report exactly what scanning the file's decoded
 * lines reports (same lines, columns, secrets), whatever the bytes hold: CRLF, latin1, multi-byte UTF-8, long
 * lines, keys at the start or end of the file, a configured key beyond ASCII.
 */
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { SegmentDecoder, splitLines } from '../../src/git/lines.js'
import { detectorsFor } from '../../src/detectors/registry.js'
import { createScanner } from '../../src/scan/scanner.js'
import type { AddedLine, Finding } from '../../src/scan/types.js'
import { scanAll, spyDetector } from '../helpers/findings.js'
import { makeKey, type KeyKind } from '../helpers/keys.js'

const KINDS: KeyKind[] = ['legacy', 'early-project', 'project', 'service-account', 'admin', 'none']
/** Not an `sk-` key and not ASCII: only found as the configured key, by its UTF-8 or latin1 bytes. */
const CONFIGURED = 'Zürich-Schlüssel-9f8e7d6c5b4a39281706'
/** No windows: the reference decodes each line whole, as scanBytes does (windows decode one by one). */
const MAX_LINE_BYTES = 64 * 1024 * 1024

/** The reference: the file's lines decoded one by one (as every line source does), scanned line by line. */
async function scanAsLines(bytes: Buffer): Promise<Finding[]> {
  const scanner = createScanner({ detectors: detectorsFor(CONFIGURED) })
  async function* lines(): AsyncGenerator<AddedLine> {
    const decoder = new SegmentDecoder(0)
    let line = 0
    for await (const segment of splitLines([bytes], MAX_LINE_BYTES)) {
      if (segment.offset === 0) line++
      const { text, columnOffset } = decoder.decode(segment)
      yield { path: 'f', line, text, ...(columnOffset === undefined ? {} : { columnOffset }) }
    }
  }
  return scanAll(scanner, lines())
}

const scanAsBytes = (bytes: Buffer) =>
  createScanner({ detectors: detectorsFor(CONFIGURED) }).scanBytes({ path: 'f', bytes })

const place = (finding: Finding) =>
  `${finding.line}:${finding.startColumn}-${finding.endColumn} ${finding.detectorId} ${finding.fingerprint}`

const piece = fc.oneof(
  fc.constantFrom('\n', '\r\n', ' ', '"', '=', 'sk-', 'task-runner ', 'T3BlbkFJ', '-webkit-mask '),
  fc.string({ maxLength: 40 }).map(text => Buffer.from(text, 'utf8')),
  fc.constantFrom(
    Buffer.from('caf\xe9 ', 'latin1'),
    Buffer.from('\xff\xfe', 'latin1'),
    Buffer.from('日本語 ')
  ),
  fc.constantFrom(Buffer.from(CONFIGURED, 'utf8'), Buffer.from(CONFIGURED, 'latin1')),
  fc
    .tuple(fc.constantFrom(...KINDS), fc.integer({ min: 1, max: 50 }))
    .map(([kind, seed]) => makeKey(kind, seed)),
  fc.integer({ min: 1, max: 40_000 }).map(length => 'x=1;'.repeat(length / 4))
)

describe('scanBytes', () => {
  it('reports what scanning the decoded lines reports, for any mix of lines, encodings and keys', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 30 }), async pieces => {
        const bytes = Buffer.concat(pieces.map(part => (typeof part === 'string' ? Buffer.from(part) : part)))
        expect(scanAsBytes(bytes).map(place)).toEqual((await scanAsLines(bytes)).map(place))
      }),
      { numRuns: 300 }
    )
  })

  it('counts lines across a file and reports a key on its last line without a final newline', () => {
    const key = makeKey('project', 3)
    const bytes = Buffer.from(`one\r\n\ntwo sk- three\n\nlast = "${key}"`)
    expect(scanAsBytes(bytes).map(place)).toEqual([
      `5:9-${8 + key.length} openai-project-key ${scanAsBytes(bytes)[0].fingerprint}`
    ])
  })

  it("searches files for a detector's prefix; its keywords then pick the lines it runs on", () => {
    const { detector: prefixed, seen } = spyDetector({ keywords: ['MARK'], prefix: 'pre-' })
    const bytes = Buffer.from('MARK without the prefix\npre-x without the keyword\npre-y MARK\n')
    createScanner({ detectors: [prefixed] }).scanBytes({ path: 'f', bytes })
    expect(seen).toEqual(['pre-y MARK'])
  })

  it("numbers a key's line right after thousands of keyword hits that held no key", () => {
    const key = makeKey('project', 4)
    const bytes = Buffer.from(
      `${'a { -webkit-mask-image: none; task-runner: sk-x }\n'.repeat(3000)}k = "${key}"\n`
    )
    expect(scanAsBytes(bytes).map(finding => [finding.line, finding.startColumn])).toEqual([[3001, 6]])
  })

  it('finds the configured key beyond ASCII in a UTF-8 file and in a latin1 file', () => {
    const utf8 = Buffer.from(`a\nkey: ${CONFIGURED}\n`, 'utf8')
    const latin1 = Buffer.from(`a\nkey: ${CONFIGURED}\n`, 'latin1')
    for (const bytes of [utf8, latin1]) {
      expect(
        scanAsBytes(bytes).map(finding => [finding.line, finding.startColumn, finding.detectorId])
      ).toEqual([[2, 6, 'configured-key']])
    }
  })
})
