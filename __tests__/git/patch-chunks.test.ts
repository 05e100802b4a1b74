/** The synchronous patch parser: the same lines however git's output is cut into chunks, with or without a prefilter. */
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { PatchParser } from '../../src/git/patch-chunks.js'
import type { BytePrefilter } from '../../src/scan/coverage.js'
import type { AddedLine } from '../../src/scan/types.js'

const SHA_A = 'a'.repeat(40)
const SHA_B = 'b'.repeat(40)
/** Longer than MIN_LINE_BYTES (12 KiB), so it comes in windows. */
const LONG = `${'x'.repeat(20000)} sk-in-a-long-line ${'y'.repeat(20000)}`

const PATCH = Buffer.concat([
  Buffer.from(
    [
      `\0okd-commit ${SHA_A}`,
      '',
      'diff --git a/app.js b/app.js',
      'new file mode 100644',
      'index 0000000..1111111',
      '--- /dev/null',
      '+++ b/app.js',
      '@@ -0,0 +1,3 @@',
      '+const one = 1',
      '+const key = "sk-first"\r',
      `+${LONG}`,
      'diff --git a/old name.txt b/new name.txt',
      'similarity index 90%',
      'rename from old name.txt',
      'rename to new name.txt',
      'index 2222222..3333333 100644',
      '--- a/old name.txt',
      '+++ b/new name.txt',
      '@@ -4 +4,2 @@ context',
      '-removed sk-removed',
      `-${LONG}`,
      '+renamed sk-renamed',
      '+plain',
      '\\ No newline at end of file',
      `\0okd-commit ${SHA_B}`,
      '',
      'diff --cc merged.txt',
      'index 4444444,5555555..6666666',
      '--- a/merged.txt',
      '+++ b/merged.txt',
      '@@@ -1,1 -1,1 +1,2 @@@',
      '- ours',
      ' -theirs',
      '++resolved sk-merge',
      '+ from one side sk-side',
      'diff --git a/latin.txt b/latin.txt',
      'index 9999999..aaaaaaa 100644',
      '--- a/latin.txt',
      '+++ b/latin.txt',
      '@@ -1 +1 @@',
      '-old'
    ].join('\n') + '\n'
  ),
  Buffer.from([0x2b, 0xe9, 0x74, 0xe9, 0x20, 0x73, 0x6b, 0x2d, 0x6c, 0x61, 0x74, 0x69, 0x6e]), // +été sk-latin (latin1)
  Buffer.from(
    ['', 'diff --git a/wide.txt b/wide.txt', '--- a/wide.txt', '+++ b/wide.txt', '@@ -0,0 +1 @@', '+'].join(
      '\n'
    )
  ),
  // UTF-16LE text: no `sk-` in its bytes, so only its NUL bytes let it past a prefilter.
  Buffer.from('x sk-wide', 'utf16le'),
  Buffer.from('\n')
])

interface Parsed {
  lines: AddedLine[]
  events: string[]
  bytes: number
}

function parse(chunks: Buffer[], prefilter?: BytePrefilter, removedLines = false): Parsed {
  const parsed: Parsed = { lines: [], events: [], bytes: 0 }
  const parser = new PatchParser(
    {
      commit: sha => parsed.events.push(`commit ${sha.slice(0, 1)}`),
      file: path => parsed.events.push(`file ${path}`),
      addedBytes: count => (parsed.bytes += count),
      line: line => parsed.lines.push(line),
      submodule: path => parsed.events.push(`submodule ${path}`)
    },
    { maxLineBytes: 4096, prefilter, removedLines }
  )
  for (const chunk of chunks) parser.push(chunk)
  parser.end()
  return parsed
}

function cut(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map(at => at % bytes.length))].sort((a, b) => a - b)
  return [0, ...points].map((start, index) => bytes.subarray(start, points[index] ?? bytes.length))
}

const skPrefilter: BytePrefilter = (bytes, from) => bytes.indexOf('sk-', from)

describe('PatchParser', () => {
  const whole = parse([PATCH])

  it('reads added lines with their file, line, commit and columns; never removed or one-parent lines', () => {
    const short = whole.lines.filter(line => line.columnOffset === undefined)
    expect(short).toEqual([
      // The names a commit gives files (new, renamed) are lines of their own: a key in a name is committed.
      { path: 'app.js', line: 0, text: 'app.js', commit: SHA_A, inFileName: true },
      { path: 'app.js', line: 1, text: 'const one = 1', commit: SHA_A },
      { path: 'app.js', line: 2, text: 'const key = "sk-first"', commit: SHA_A },
      { path: 'new name.txt', line: 0, text: 'new name.txt', commit: SHA_A, inFileName: true },
      { path: 'new name.txt', line: 4, text: 'renamed sk-renamed', commit: SHA_A },
      { path: 'new name.txt', line: 5, text: 'plain', commit: SHA_A },
      { path: 'merged.txt', line: 1, text: 'resolved sk-merge', commit: SHA_B },
      { path: 'latin.txt', line: 1, text: 'été sk-latin', commit: SHA_B },
      { path: 'wide.txt', line: 1, text: 'x sk-wide', commit: SHA_B }
    ])
    const windows = whole.lines.filter(line => line.columnOffset !== undefined)
    expect(windows.map(line => line.columnOffset)).toEqual([0, 9215, 18431, 27647, 36863])
    expect(windows.every(line => line.path === 'app.js' && line.line === 3)).toBe(true)
    expect(windows.some(line => line.text.includes('sk-in-a-long-line'))).toBe(true)
    expect(whole.events).toEqual([
      'commit a',
      'file app.js',
      'file new name.txt',
      'commit b',
      'file merged.txt',
      'file latin.txt',
      'file wide.txt'
    ])
  })

  it('a prefilter keeps exactly the short lines that hold a keyword, and every window of a long line', () => {
    const kept = parse([PATCH], skPrefilter)
    expect(kept.lines).toEqual(
      whole.lines.filter(
        line => line.columnOffset !== undefined || line.text.includes('sk-') || line.inFileName
      )
    )
    expect(kept.bytes).toBe(whole.bytes)
  })

  it("with removedLines, also reads the removed lines of plain diffs (windows too), never a combined diff's", () => {
    const withRemoved = parse([PATCH], undefined, true)
    const removed = withRemoved.lines.filter(line => line.role === 'removed')
    expect(removed.filter(line => line.columnOffset === undefined)).toEqual([
      // The name a renamed file gave up, then the removed content line.
      {
        path: 'old name.txt',
        line: 0,
        text: 'old name.txt',
        commit: SHA_A,
        role: 'removed',
        inFileName: true
      },
      { path: 'new name.txt', line: 0, text: 'removed sk-removed', commit: SHA_A, role: 'removed' },
      { path: 'latin.txt', line: 0, text: 'old', commit: SHA_B, role: 'removed' }
    ])
    const windows = removed.filter(line => line.columnOffset !== undefined)
    expect(windows.map(line => line.columnOffset)).toEqual([0, 9215, 18431, 27647, 36863])
    expect(windows.every(line => line.path === 'new name.txt')).toBe(true)
    expect(withRemoved.lines.filter(line => line.role === undefined)).toEqual(whole.lines)
    expect(withRemoved.bytes).toBe(whole.bytes)
  })

  it("a submodule's commit change is reported as a submodule, its lines never as content", () => {
    const submodule = Buffer.from(
      [
        `\0okd-commit ${SHA_A}`,
        '',
        'diff --git a/vendor/lib b/vendor/lib',
        'index 1111111..2222222 160000',
        '--- a/vendor/lib',
        '+++ b/vendor/lib',
        '@@ -1 +1 @@',
        '-Subproject commit 1111111 sk-old',
        '+Subproject commit 2222222 sk-new',
        'diff --git a/app.js b/app.js',
        'index 3333333..4444444 100644',
        '--- a/app.js',
        '+++ b/app.js',
        '@@ -1 +1 @@',
        '+const key = "sk-app"',
        ''
      ].join('\n')
    )
    for (const prefilter of [undefined, skPrefilter]) {
      const parsed = parse([submodule], prefilter, true)
      expect(parsed.events).toEqual(['commit a', 'submodule vendor/lib', 'file app.js'])
      expect(parsed.lines).toEqual([{ path: 'app.js', line: 1, text: 'const key = "sk-app"', commit: SHA_A }])
    }
  })

  it('gives the same result however the output is cut into chunks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(PATCH.length), { maxLength: 40 }),
        fc.boolean(),
        fc.boolean(),
        (cuts, filtered, removedLines) => {
          const prefilter = filtered ? skPrefilter : undefined
          expect(parse(cut(PATCH, cuts), prefilter, removedLines)).toEqual(
            parse([PATCH], prefilter, removedLines)
          )
        }
      ),
      { numRuns: 300 }
    )
  })
})
