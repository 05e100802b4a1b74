/** What `git log -p` content becomes: renames, deletions, binaries, encodings, long lines, hostile names, merges. */
import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { planRevisionRange, RevisionRangeError } from '../../src/git/collect.js'
import { openScanSource, type SourceContext } from '../../src/scan/sources/registry.js'
import { MIN_LINE_BYTES } from '../../src/scan/windows.js'
import { drain, drainContent, GitFixture } from '../helpers/git-fixtures.js'

const fx = new GitFixture()
const paragraph = Array.from(
  { length: 12 },
  (_, index) => `line ${index} of a file that is long enough`
).join('\n')

async function scan(base: string, head: string, extra: Partial<SourceContext> = {}) {
  const source = await openScanSource(
    { kind: 'range', range: `${base}..${head}` },
    {
      cwd: fx.work,
      fetch: false,
      maxFileBytes: 1 << 20,
      maxLineBytes: 4096,
      ...extra
    }
  )
  const everything = await drain(source.lines)
  const all = everything.filter(line => !line.inFileName)
  // The lines the commits added; the removed lines and the net change are checked where they matter.
  const lines = all.filter(line => line.role === undefined)
  const names = everything.filter(line => line.inFileName)
  return { lines, all, names, coverage: source.coverage(), head: source.head?.() }
}

let root: string
beforeAll(() => {
  root = fx.commit(
    { 'keep.txt': `${paragraph}\n`, 'move me.txt': `${paragraph}\n`, 'edit me.txt': `${paragraph}\n` },
    'root'
  )
})
afterAll(() => fx.cleanup())

describe('renames and deletions', () => {
  it('a rename without changes reports nothing; a rename with changes reports only the changed line', async () => {
    const pure = fx.commit({ 'move me.txt': null, 'moved/here.txt': `${paragraph}\n` }, 'pure rename')
    const edited = fx.commit(
      { 'edit me.txt': null, 'edited.txt': `${paragraph}\nRENAMED-AND-ADDED\n` },
      'rename with change'
    )
    const { lines, coverage, names } = await scan(root, edited)
    expect(lines).toEqual([{ path: 'edited.txt', line: 13, text: 'RENAMED-AND-ADDED', commit: edited }])
    expect(coverage).toMatchObject({ mode: 'range', commits: 2, files: 1, incomplete: false })
    expect(pure).not.toBe(edited)
    // The names the renames gave and took: each a line of its own (a key in a file name is committed).
    const name = (path: string, commit?: string, role?: string) => ({
      path,
      line: 0,
      text: path,
      inFileName: true,
      ...(commit ? { commit } : {}),
      ...(role ? { role } : {})
    })
    expect(names).toEqual([
      name('move me.txt', pure, 'removed'),
      name('moved/here.txt', pure),
      name('edit me.txt', edited, 'removed'),
      name('edited.txt', edited),
      // The range's net change, numbered as in the head.
      name('edited.txt', undefined, 'head'),
      name('moved/here.txt', undefined, 'head')
    ])
  })

  it('an empty new file and a deleted file: names only, no lines', async () => {
    const before = fx.head()
    const added = fx.commit({ 'empty.txt': '' }, 'an empty file')
    const deleted = fx.commit({ 'empty.txt': null }, 'delete it')
    const { lines, names } = await scan(before, deleted)
    expect(lines).toEqual([])
    expect(names.map(line => [line.path, line.commit, line.role])).toEqual([
      ['empty.txt', added, undefined],
      ['empty.txt', deleted, 'removed']
    ])
  })

  it('deleted lines and deleted files are never reported', async () => {
    const before = fx.commit(
      { 'gone.txt': 'DELETED-FILE-LINE\n', 'keep.txt': `${paragraph}\nREMOVED-LINE\n` },
      'add'
    )
    const after = fx.commit({ 'gone.txt': null, 'keep.txt': `${paragraph}\n` }, 'delete')
    const { lines, coverage } = await scan(before, after)
    expect(lines).toEqual([])
    expect(coverage).toMatchObject({ commits: 1, skipped: [], incomplete: false })
  })
})

describe('content that is not plain text', () => {
  it('every file is read as text, whatever git or its attributes would call it; CRLF and latin1 lines come out clean', async () => {
    const base = fx.head()
    const binary = Buffer.concat([
      Buffer.from('\x89PNG\r\n\x1a\n\0\0\0\rIHDR'),
      Buffer.from('BINARY-MARKER\n')
    ])
    const head = fx.commit(
      {
        '.gitattributes': '*.env -diff\nsecret.txt binary\n',
        'image.png': binary,
        'huge.txt': 'HUGE-MARKER\n'.repeat(500),
        'hidden.env': 'ATTRIBUTE-MARKER\n',
        'secret.txt': 'BINARY-ATTRIBUTE-MARKER\n',
        'wide.txt': Buffer.from('\ufeffWIDE-ONE\r\nWIDE-TWO\r\n', 'utf16le'),
        'windows.txt': 'CRLF-ONE\r\nCRLF-TWO\r\n',
        'latin1.txt': Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x4d, 0x41, 0x52, 0x4b, 0x0a])
      },
      'odd files'
    )
    const { lines, coverage } = await scan(base, head, { maxFileBytes: 2000 })
    const seen = lines.map(line => [line.path, line.line, line.text])
    expect(seen).toEqual(
      expect.arrayContaining([
        ['hidden.env', 1, 'ATTRIBUTE-MARKER'],
        ['secret.txt', 1, 'BINARY-ATTRIBUTE-MARKER'],
        ['huge.txt', 500, 'HUGE-MARKER'],
        ['latin1.txt', 1, 'café MARK'],
        ['windows.txt', 1, 'CRLF-ONE'],
        ['windows.txt', 2, 'CRLF-TWO']
      ])
    )
    expect(seen.filter(([path]) => path === 'huge.txt')).toHaveLength(500)
    // The binary's printable run keeps its characters; the bytes around it end every token.
    expect(lines.find(line => line.path === 'image.png' && line.text.includes('BINARY-MARKER'))).toBeDefined()
    // UTF-16 with a byte-order mark: each line decoded (the mark and the \r kept as characters; the last
    // "line" is the final newline's second byte).
    const wide = lines
      .filter(line => line.path === 'wide.txt')
      .map(line => line.text.replace(/[\ufeff\r]/g, ''))
    expect(wide).toEqual(['WIDE-ONE', 'WIDE-TWO', '\0'])
    expect(coverage.skipped).toEqual([])
    expect(coverage.incomplete).toBe(false)
  })

  it('a long minified line comes out in bounded windows whose offsets point into the real line', async () => {
    const base = fx.head()
    const minified = 'var a=1;'.repeat(25_000) + 'MINIFIED-MARKER' + ';b=2'.repeat(10_000)
    const head = fx.commit({ 'bundle.min.js': `${minified}\nafter\n` }, 'minified')
    const { lines } = await scan(base, head, { maxLineBytes: MIN_LINE_BYTES })
    const windows = lines.filter(line => line.line === 1)
    expect(windows.length).toBeGreaterThan(20)
    expect(
      windows.every(window => window.text.length <= MIN_LINE_BYTES && window.columnOffset !== undefined)
    ).toBe(true)
    const hit = windows.find(window => window.text.includes('MINIFIED-MARKER'))
    expect((hit?.columnOffset ?? 0) + (hit?.text.indexOf('MINIFIED-MARKER') ?? 0)).toBe(
      minified.indexOf('MINIFIED-MARKER')
    )
    for (const window of windows) {
      expect(minified.slice(window.columnOffset, (window.columnOffset ?? 0) + window.text.length)).toBe(
        window.text
      )
    }
    expect(lines.at(-1)).toMatchObject({ line: 2, text: 'after' })
  })
})

describe('hostile file names', () => {
  it('spaces, a newline, quotes, backslashes, tabs and unicode come back byte-exact', async () => {
    const base = fx.head()
    const names = [
      'dir with space/ünïcødé ✓.txt',
      'new\nline.txt',
      'quote"and\\back.txt',
      'tab\there.txt',
      '-rf'
    ]
    const head = fx.commit(
      Object.fromEntries(names.map((name, index) => [name, `NAME-MARKER-${index}\n`])),
      'names'
    )
    const { lines } = await scan(base, head)
    const byText = new Map(lines.map(line => [line.text, line.path]))
    names.forEach((name, index) => expect(byText.get(`NAME-MARKER-${index}`)).toBe(name))
  })
})

describe('merge commits', () => {
  it('report only what the merge itself adds (a conflict resolution), not what the branches brought', async () => {
    const base = fx.commit({ 'conflict.txt': 'original\n' }, 'before branches')
    fx.git(fx.work, ['checkout', '--quiet', '-b', 'side'])
    const side = fx.commit({ 'conflict.txt': 'SIDE-VERSION\n', 'side-only.txt': 'SIDE-ONLY\n' }, 'side')
    fx.git(fx.work, ['checkout', '--quiet', 'main'])
    const main = fx.commit({ 'conflict.txt': 'MAIN-VERSION\n' }, 'main')
    expect(() => fx.git(fx.work, ['merge', '--quiet', 'side'])).toThrow()
    const merge = fx.commit({ 'conflict.txt': 'RESOLVED-IN-MERGE\n' }, 'merge with resolution')
    const { lines, coverage } = await scan(base, merge)
    expect(lines.map(line => [line.text, line.commit])).toEqual(
      expect.arrayContaining([
        ['SIDE-VERSION', side],
        ['SIDE-ONLY', side],
        ['MAIN-VERSION', main],
        ['RESOLVED-IN-MERGE', merge]
      ])
    )
    expect(lines).toHaveLength(4)
    expect(lines.find(line => line.commit === merge)).toEqual({
      path: 'conflict.txt',
      line: 1,
      text: 'RESOLVED-IN-MERGE',
      commit: merge
    })
    expect(coverage.commits).toBe(3)
  })
})

describe('submodules in a diff', () => {
  it('a gitlink is skipped with a reason, its "Subproject commit" line is not scanned', async () => {
    const base = fx.head()
    fx.git(fx.work, ['update-index', '--add', '--cacheinfo', `160000,${base},vendor/lib`])
    fx.git(fx.work, ['commit', '--quiet', '-m', 'submodule'])
    const { lines, coverage } = await scan(base, fx.head())
    expect(lines).toEqual([])
    expect(coverage.skipped).toEqual([
      { what: 'vendor/lib', reason: 'submodule: scan it in its own repository' }
    ])
  })
})

describe('staged changes (CLI --staged, pre-commit)', () => {
  it('reports staged added lines without a commit, and not unstaged ones', async () => {
    fx.git(fx.work, ['reset', '--quiet', '--hard'])
    fx.commit({ 'staged.txt': 'one\n' }, 'staged base')
    fs.writeFileSync(`${fx.work}/staged.txt`, 'one\nSTAGED-LINE\n')
    fx.git(fx.work, ['add', 'staged.txt'])
    fs.writeFileSync(`${fx.work}/staged.txt`, 'one\nSTAGED-LINE\nUNSTAGED-LINE\n')
    const source = await openScanSource(
      { kind: 'staged' },
      { cwd: fx.work, fetch: false, maxFileBytes: 4096, maxLineBytes: 4096 }
    )
    expect(await drainContent(source.lines)).toEqual([{ path: 'staged.txt', line: 2, text: 'STAGED-LINE' }])
    expect(source.coverage()).toMatchObject({ mode: 'staged', commits: 0, files: 1, incomplete: false })
  })
})

describe('staged changes before the first commit', () => {
  it('works on an unborn HEAD (the very first commit of a repository)', async () => {
    const fresh = `${fx.root}/fresh`
    fx.git(fx.root, ['init', '--quiet', fresh])
    fs.writeFileSync(`${fresh}/first.txt`, 'FIRST-COMMIT-LINE\n')
    fx.git(fresh, ['add', 'first.txt'])
    const source = await openScanSource(
      { kind: 'staged' },
      { cwd: fresh, fetch: false, maxFileBytes: 4096, maxLineBytes: 4096 }
    )
    expect(await drainContent(source.lines)).toEqual([
      { path: 'first.txt', line: 1, text: 'FIRST-COMMIT-LINE' }
    ])
    expect(source.coverage().incomplete).toBe(false)
  })
})

describe('planRevisionRange (CLI --range)', () => {
  it('resolves A..B and A...B to SHAs', async () => {
    const plan = await planRevisionRange(fx.work, 'HEAD~1..HEAD')
    expect(plan).toMatchObject({
      kind: 'range',
      trigger: 'cli',
      base: fx.head(fx.work, 'HEAD~1'),
      head: fx.head()
    })
    const symmetric = await planRevisionRange(fx.work, 'side...main')
    expect(symmetric.base).toBe(fx.git(fx.work, ['merge-base', 'side', 'main']))
  })

  it('refuses option-like, unknown and malformed revisions', async () => {
    for (const spec of [
      'HEAD',
      '--output=/tmp/x..HEAD',
      'HEAD..--exec=x',
      'no-such-ref..HEAD',
      'a b..HEAD'
    ]) {
      await expect(planRevisionRange(fx.work, spec)).rejects.toBeInstanceOf(RevisionRangeError)
    }
  })
})
