/** `scan: all`: every tracked file at HEAD, read from disk without ever following a link out of the repository. */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { openScanSource } from '../../src/scan/sources/registry.js'
import { findLeaks } from '../../src/engine/find-leaks.js'
import { RepoFileCollector } from '../../src/repo-checks/read-repo.js'
import { drain, drainContent, GitFixture } from '../helpers/git-fixtures.js'
import { makeKey } from '../helpers/keys.js'

const fx = new GitFixture()
const limits = { maxFileBytes: 4096, maxLineBytes: 4096 }
/** `scan: all` / `--all` (tracked files), or the CLI's default scan (untracked files too). */
const tree = (cwd: string, kind: 'all' | 'working-tree' = 'all') =>
  openScanSource({ kind }, { cwd, fetch: false, ...limits })

beforeAll(() => {
  const outside = path.join(fx.root, 'outside')
  fs.mkdirSync(outside)
  fs.writeFileSync(path.join(outside, 'secret.txt'), 'OUTSIDE-MARKER\n')
  fs.writeFileSync(path.join(outside, 'file.txt'), 'OUTSIDE-DIR-MARKER\n')
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(fx.work, 'link-out'))
  const base = fx.commit(
    {
      'plain.txt': 'TREE-MARKER\r\nsecond\n',
      'nested/dir/deep.txt': 'no newline at end',
      'linked/file.txt': 'INSIDE\n',
      'swapped.txt': 'REGULAR\n',
      'image.bin': Buffer.from('\x00\x01\x02BINARY-RUN\x00\x0a\x41', 'latin1'),
      'wide.txt': Buffer.from('\ufeffWIDE-MARKER\r\nsecond\r\n', 'utf16le'),
      'big.txt': `${'B'.repeat(5000)}\nLAST-LINE\n`,
      '.gitignore': 'ignored.txt\n'
    },
    'tree'
  )
  fx.git(fx.work, ['update-index', '--add', '--cacheinfo', `160000,${base},vendor/sub`])
  fx.git(fx.work, ['commit', '--quiet', '-m', 'submodule'])
  // A tampered working tree: a tracked directory replaced by a link to somewhere else.
  fs.rmSync(path.join(fx.work, 'linked'), { recursive: true })
  fs.symlinkSync(outside, path.join(fx.work, 'linked'))
  // A tracked regular file replaced on disk by a link (the index still says 100644).
  fs.rmSync(path.join(fx.work, 'swapped.txt'))
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(fx.work, 'swapped.txt'))
  fs.writeFileSync(path.join(fx.work, 'untracked.txt'), 'UNTRACKED-MARKER\n')
  fs.writeFileSync(path.join(fx.work, 'ignored.txt'), 'IGNORED-MARKER\n')
})
afterAll(() => fx.cleanup())

describe('the tree sources (scan: all, the CLI default)', () => {
  it('scans tracked files (binaries, UTF-16 and large ones too) and skips links and submodules with reasons', async () => {
    const source = await tree(fx.work)
    const lines = await drainContent(source.lines)
    expect(lines).toEqual([
      { path: '.gitignore', line: 1, text: 'ignored.txt' },
      { path: 'big.txt', line: 1, text: 'B'.repeat(5000) },
      { path: 'big.txt', line: 2, text: 'LAST-LINE' },
      { path: 'image.bin', line: 1, text: '\x00\x01\x02BINARY-RUN\x00' },
      { path: 'image.bin', line: 2, text: 'A' },
      { path: 'nested/dir/deep.txt', line: 1, text: 'no newline at end' },
      { path: 'plain.txt', line: 1, text: 'TREE-MARKER' },
      { path: 'plain.txt', line: 2, text: 'second' },
      { path: 'wide.txt', line: 1, text: 'WIDE-MARKER' },
      { path: 'wide.txt', line: 2, text: 'second' }
    ])
    const coverage = source.coverage()
    expect(coverage).toMatchObject({ mode: 'all', source: 'working tree', files: 6, incomplete: false })
    expect(coverage.skipped).toEqual(
      expect.arrayContaining([
        { what: 'link-out', reason: 'symbolic link: not followed' },
        { what: 'vendor/sub', reason: 'submodule: scan it in its own repository' },
        { what: 'linked/file.txt', reason: 'outside the repository (through a symbolic link): not read' },
        { what: 'swapped.txt', reason: 'symbolic link: not followed' }
      ])
    )
    expect(JSON.stringify(lines)).not.toMatch(/OUTSIDE/)
  })

  it('includes untracked, not ignored files on request (a new .env before `git add`)', async () => {
    const texts = (await drainContent((await tree(fx.work, 'working-tree')).lines)).map(line => line.text)
    expect(texts).toContain('UNTRACKED-MARKER')
    expect(texts).not.toContain('IGNORED-MARKER')
  })

  it('outside a repository: incomplete, never clean', async () => {
    const source = await tree(path.join(fx.root, 'outside'))
    expect(await drainContent(source.lines)).toEqual([])
    expect(source.coverage()).toMatchObject({ incomplete: true })
  })

  it('reads the same from inside the checkout (names opened relative to it) and from a subdirectory', async () => {
    const expected = await drainContent((await tree(fx.work)).lines)
    const before = process.cwd()
    try {
      process.chdir(fx.work)
      const source = await tree('.')
      expect(await drainContent(source.lines)).toEqual(expected)
      expect(source.coverage().skipped).toContainEqual({
        what: 'linked/file.txt',
        reason: 'outside the repository (through a symbolic link): not read'
      })
    } finally {
      process.chdir(before)
    }
    expect(await drainContent((await tree(path.join(fx.work, 'nested', 'dir'))).lines)).toEqual(expected)
  })

  it('reads a conflicted file once (its three index stages), as it stands in the working tree', async () => {
    const merge = new GitFixture()
    try {
      merge.commit({ 'both.txt': 'base\n' }, 'base')
      merge.git(merge.work, ['checkout', '--quiet', '-b', 'theirs'])
      merge.commit({ 'both.txt': 'THEIRS-MARKER\n' }, 'theirs')
      merge.git(merge.work, ['checkout', '--quiet', 'main'])
      merge.commit({ 'both.txt': 'OURS-MARKER\n' }, 'ours')
      expect(() => merge.git(merge.work, ['merge', '--quiet', 'theirs'])).toThrow()
      expect(merge.git(merge.work, ['ls-files', '--stage', 'both.txt']).trim().split('\n')).toHaveLength(3)

      const source = await tree(merge.work)
      const texts = (await drainContent(source.lines)).map(line => line.text)
      expect(texts.filter(text => text === 'OURS-MARKER')).toHaveLength(1)
      expect(texts.filter(text => text === 'THEIRS-MARKER')).toHaveLength(1)
      expect(source.coverage().files).toBe(1)
    } finally {
      merge.cleanup()
    }
  })

  it('reports a directory put in place of a tracked file as not a regular file', async () => {
    const swapped = new GitFixture()
    try {
      swapped.commit({ 'dir.txt': 'was a file\n', 'kept.txt': 'KEPT-MARKER\n' }, 'swap')
      fs.rmSync(path.join(swapped.work, 'dir.txt'))
      fs.mkdirSync(path.join(swapped.work, 'dir.txt'))
      const source = await tree(swapped.work)
      expect((await drainContent(source.lines)).map(line => line.text)).toEqual(['KEPT-MARKER'])
      expect(source.coverage().skipped).toContainEqual({
        what: 'dir.txt',
        reason: 'not a regular file: not read'
      })
    } finally {
      swapped.cleanup()
    }
  })

  it('skips a FIFO put in place of a file instead of waiting for a writer', async () => {
    const pipes = new GitFixture()
    try {
      pipes.commit(
        { 'before.txt': 'BEFORE-MARKER\n', 'pipe.txt': 'was a file\n', 'after.txt': 'AFTER-MARKER\n' },
        'fifo'
      )
      fs.rmSync(path.join(pipes.work, 'pipe.txt'))
      execFileSync('mkfifo', [path.join(pipes.work, 'pipe.txt')])
      execFileSync('mkfifo', [path.join(pipes.work, 'untracked-pipe')])
      const source = await tree(pipes.work, 'working-tree')
      const texts = (await drainContent(source.lines)).map(line => line.text)
      expect(texts).toEqual(['AFTER-MARKER', 'BEFORE-MARKER'])
      expect(source.coverage().skipped).toContainEqual({
        what: 'pipe.txt',
        reason: 'not a regular file: not read'
      })
    } finally {
      pipes.cleanup()
    }
  }, 10_000)

  it('scans a file over the whole-file limit in chunks: a key across a chunk edge, one in a long line and one at the end', async () => {
    const large = new GitFixture()
    try {
      const [acrossChunks, inLongLine, atEnd] = [
        makeKey('project', 71),
        makeKey('project', 72),
        makeKey('admin', 73)
      ]
      const chunk = 1024 * 1024
      const filler = (bytes: number) => `${'x'.repeat(99)}\n`.repeat(Math.ceil(bytes / 100)).slice(0, bytes)
      // The first chunk ends inside `acrossChunks`; a 200 KiB line (several windows) holds the second.
      const head = `${filler(chunk - 30 - 10)}key = "${acrossChunks}"\n`
      const longLine = `${'y'.repeat(150_000)} ${inLongLine} ${'y'.repeat(60_000)}\n`
      const body = `${head}${longLine}${filler(3 * chunk)}last = ${atEnd}`
      large.commit({ 'large.txt': body, 'small.txt': 'SMALL\n' }, 'large')
      const lineOf = (key: string) => body.slice(0, body.indexOf(key)).split('\n').length
      const columnOf = (key: string) => body.indexOf(key) - body.lastIndexOf('\n', body.indexOf(key))
      expect(body.indexOf(acrossChunks)).toBeLessThan(chunk)
      expect(body.indexOf(acrossChunks) + acrossChunks.length).toBeGreaterThan(chunk)

      const source = await openScanSource(
        { kind: 'all' },
        { cwd: large.work, fetch: false, maxFileBytes: 64 * 1024, maxLineBytes: 64 * 1024 }
      )
      const scan = await findLeaks(source, {})

      expect(
        scan.findings.map(finding => [
          finding.secret === acrossChunks,
          finding.secret === inLongLine,
          finding.secret === atEnd,
          finding.line,
          finding.startColumn
        ])
      ).toEqual([
        [true, false, false, lineOf(acrossChunks), columnOf(acrossChunks)],
        [false, true, false, lineOf(inLongLine), 150_002],
        [false, false, true, lineOf(atEnd), columnOf(atEnd)]
      ])
      expect(scan.coverage).toMatchObject({
        files: 2,
        bytes: body.length + 6,
        skipped: [],
        incomplete: false
      })
    } finally {
      large.cleanup()
    }
  })

  it('does not scan a file over the windowed limit, and says so as unscanned content', async () => {
    const source = await openScanSource(
      { kind: 'all' },
      { cwd: fx.work, fetch: false, ...limits, maxWindowedFileBytes: 4096 }
    )
    await drain(source.lines)
    expect(source.coverage().skipped).toContainEqual({
      what: 'big.txt',
      reason: 'larger than 4 KiB: not scanned',
      unscanned: true
    })
  })

  it('shows the repository checks each file as it reads it, and untracked ones it does not scan', async () => {
    const shared = new GitFixture()
    try {
      shared.commit(
        {
          'package.json': '{"dependencies":{"openai":"^3.0.0"}}',
          'app.js': 'process.env.APP\n',
          'util.js': 'UTIL\n',
          'a.txt': 'A\n'
        },
        'shared'
      )
      fs.writeFileSync(path.join(shared.work, 'new.py'), 'import os\nos.getenv("NEW")\n')
      fs.symlinkSync('app.js', path.join(shared.work, 'alias.js'))
      const collector = await RepoFileCollector.at(shared.work)
      const source = await tree(shared.work)
      source.observeFiles?.(collector)
      expect((await drainContent(source.lines)).map(line => line.text)).toEqual([
        'A',
        'process.env.APP',
        '{"dependencies":{"openai":"^3.0.0"}}',
        'UTIL'
      ])
      expect(collector.sharedFileSet()).toEqual({
        files: [
          { path: 'app.js', text: 'process.env.APP\n' },
          { path: 'new.py', text: 'import os\nos.getenv("NEW")\n' },
          { path: 'package.json', text: '{"dependencies":{"openai":"^3.0.0"}}' }
        ],
        listedWith: 'git',
        skippedLarge: [],
        notRead: [{ path: 'alias.js', reason: 'symbolic link: not followed' }],
        hitFileLimit: false,
        hitByteLimit: false,
        lockfilesWithoutOpenAI: 0
      })
    } finally {
      shared.cleanup()
    }
  })

  it('shares nothing with repository checks of another directory, or when the listing failed', async () => {
    const elsewhere = await RepoFileCollector.at(path.join(fx.root, 'outside'))
    const source = await tree(fx.work)
    source.observeFiles?.(elsewhere)
    await drain(source.lines)
    expect(elsewhere.sharedFileSet()).toBeUndefined()
  })
})
