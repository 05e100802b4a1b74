/** `scan: history` on real repositories: every commit, the commit that added each key, still at HEAD or not. */
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { findLeaks } from '../../src/engine/find-leaks.js'
import { HistoryRefError, type HistoryScanOptions } from '../../src/git/history-log.js'
import { openScanSource } from '../../src/scan/sources/registry.js'
import { drainContent, GitFixture } from '../helpers/git-fixtures.js'
import { recordingGit } from '../helpers/recording-git.js'
import { makeKey } from '../helpers/keys.js'

const fx = new GitFixture()
const removedKey = makeKey('project', 101)
const keptKey = makeKey('service-account', 102)
const mergeKey = makeKey('admin', 103)
const longLineKey = makeKey('project', 104)
const configuredKey = makeKey('project', 105)
const binaryKey = makeKey('project', 106)
/** Keys on lines of several hundred KiB in both halves of the history: both git processes write windows at once. */
const wideKeys = Array.from({ length: 8 }, (_, index) => makeKey('project', 200 + index))
/**
 * One line per key, each key across the right edge of a window (windows of 12 KiB advance by 9 KiB; the first
 * holds the `+` of the diff line): a scanner that saw another line between two windows would report a cut key.
 */
const wideLine = (keys: string[]) =>
  keys.map((key, index) => `${'z'.repeat(9216 * (8 + 3 * index) + 12287 - 122)} ${key}`).join('\n')

/** Keys by name, so a failing assertion prints names and never a key. */
const nameOf = (secret: string): string =>
  ({
    [removedKey]: 'removedKey',
    [keptKey]: 'keptKey',
    [mergeKey]: 'mergeKey',
    [longLineKey]: 'longLineKey',
    [configuredKey]: 'configuredKey',
    [binaryKey]: 'binaryKey',
    ...Object.fromEntries(wideKeys.map((key, index) => [key, `wideKey${index}`]))
  })[secret] ?? 'another secret'

/** `scan: history` / `--history [ref]`, opened as the action and the CLI open it. */
function history(extra: Partial<HistoryScanOptions> = {}) {
  const { ref, ...context } = extra
  return openScanSource(
    { kind: 'history', ref },
    { cwd: fx.work, fetch: false, maxFileBytes: 1 << 20, maxLineBytes: 4096, ...context }
  )
}

const commits: Record<string, string> = {}
let filler: string[] = []

beforeAll(() => {
  commits.root = fx.commit({ 'README.md': 'hello\n' }, 'root')
  // Enough commits for two git processes (64 each at least), with keys early, late and in the middle.
  filler = fx.importCommits(
    'main',
    commits.root,
    Array.from({ length: 150 }, (_, index) => ({
      files: {
        [`src/file-${index % 7}.js`]: `export const value${index} = ${index}\n// sk-like text: task-${index}\n`,
        ...(index === 20 ? { 'dist/early.min.js': `${wideLine(wideKeys.slice(0, 4))}\n` } : {}),
        ...(index === 120 ? { 'dist/late.min.js': `${wideLine(wideKeys.slice(4))}\n` } : {})
      }
    }))
  )
  fx.git(fx.work, ['reset', '--quiet', '--hard', 'main'])
  commits.added = fx.commit({ 'config/old.env': `OPENAI_API_KEY=${removedKey}\n` }, 'add a key')
  commits.kept = fx.commit({ 'app/settings.py': `# settings\nKEY = "${keptKey}"\n` }, 'keep a key')
  // Binary to git (NUL bytes): still at HEAD, which only reading the file itself can tell.
  commits.binary = fx.commit({ 'assets/data.bin': `\0\0\x01header\0 ${binaryKey}\n` }, 'a binary file')
  commits.removed = fx.commit({ 'config/old.env': 'OPENAI_API_KEY=\n' }, 'remove the key')
  // A side branch merged with a conflict resolution that adds a key only in the merge.
  fx.git(fx.work, ['checkout', '--quiet', '-b', 'side'])
  commits.side = fx.commit({ 'shared.txt': 'side\n' }, 'side')
  fx.git(fx.work, ['checkout', '--quiet', 'main'])
  commits.mainSide = fx.commit({ 'shared.txt': 'main\n' }, 'main side')
  expect(() => fx.git(fx.work, ['merge', '--quiet', 'side'])).toThrow() // a conflict, resolved by hand
  fs.writeFileSync(path.join(fx.work, 'shared.txt'), `resolved ${mergeKey}\n`)
  fx.git(fx.work, ['add', 'shared.txt'])
  fx.git(fx.work, ['commit', '--quiet', '--no-edit'])
  commits.merge = fx.head()
  // A minified line far longer than the window size, a key straddling a window edge.
  const long = `${'a'.repeat(4090)} ${longLineKey} ${'b'.repeat(9000)}`
  commits.long = fx.commit({ 'dist/app.min.js': `${long}\n` }, 'minified')
  commits.configured = fx.commit({ 'notes.txt': `token ${configuredKey}\n` }, 'the workflow key')
}, 60_000)
afterAll(() => fx.cleanup())

describe('history scan', () => {
  it('finds every key ever added, with the commit that added it and whether it is still at HEAD', async () => {
    const log: string[] = []
    const source = await history({ log: message => log.push(message) })
    const scan = await findLeaks(source, { configuredKey })
    const found = scan.findings.map(finding => ({
      key: nameOf(finding.secret),
      commit: finding.commit,
      path: finding.path,
      inHead: !finding.removed
    }))
    expect(found).toEqual([
      ...[0, 1, 2, 3].map(index => ({
        key: `wideKey${index}`,
        commit: filler[20],
        path: 'dist/early.min.js',
        inHead: true
      })),
      ...[4, 5, 6, 7].map(index => ({
        key: `wideKey${index}`,
        commit: filler[120],
        path: 'dist/late.min.js',
        inHead: true
      })),
      { key: 'removedKey', commit: commits.added, path: 'config/old.env', inHead: false },
      { key: 'keptKey', commit: commits.kept, path: 'app/settings.py', inHead: true },
      { key: 'binaryKey', commit: commits.binary, path: 'assets/data.bin', inHead: true },
      { key: 'mergeKey', commit: commits.merge, path: 'shared.txt', inHead: true },
      { key: 'longLineKey', commit: commits.long, path: 'dist/app.min.js', inHead: true },
      { key: 'configuredKey', commit: commits.configured, path: 'notes.txt', inHead: true }
    ])
    expect(scan.findings.find(finding => finding.secret === longLineKey)?.startColumn).toBe(4092)
    expect(scan.findings.at(-1)?.detectorId).toBe('configured-key')
    const total = 1 + filler.length + 9
    expect(scan.coverage).toMatchObject({ mode: 'history', commits: total, incomplete: false })
    expect(log.at(-1)).toMatch(new RegExp(`^History: scanned ${total} commits`))
  })

  it('reads the same lines with one git process as with two, and the prefilter drops only keyless lines', async () => {
    const one = await drainContent((await history({ processes: 1 })).lines)
    const two = await drainContent((await history({ processes: 2 })).lines)
    const key = (line: { commit?: string; path: string; line: number; columnOffset?: number }) =>
      `${line.commit} ${line.path} ${line.line} ${line.columnOffset ?? ''}`
    expect(two.map(key).sort()).toEqual(one.map(key).sort())
    expect(one.filter(line => line.commit === filler[0])).toEqual([
      { path: 'src/file-0.js', line: 1, text: 'export const value0 = 0', commit: filler[0] },
      { path: 'src/file-0.js', line: 2, text: '// sk-like text: task-0', commit: filler[0] }
    ])

    const source = await history()
    const prefiltered = await drainContent(
      source.candidateLines!((bytes, from) => bytes.indexOf('sk-', from))
    )
    expect(prefiltered.length).toBeLessThan(one.length)
    for (const line of one.filter(line => line.text.includes('sk-') && line.columnOffset === undefined)) {
      expect(prefiltered).toContainEqual(line)
    }
  })

  it('scans the history of another ref, and refuses a revision that is not one', async () => {
    const scan = await findLeaks(await history({ ref: commits.kept }), {})
    const named = scan.findings.map(finding => [nameOf(finding.secret), !finding.removed])
    expect(named.filter(([name]) => !String(name).startsWith('wideKey'))).toEqual([
      ['removedKey', true],
      ['keptKey', true]
    ])
    await expect(drainContent((await history({ ref: '--output=/tmp/x' })).lines)).rejects.toThrow(
      HistoryRefError
    )
    await expect(drainContent((await history({ ref: 'no-such-branch' })).lines)).rejects.toThrow(
      /unknown revision/
    )
  })
})

describe('from a shallow clone', () => {
  beforeAll(() => fx.push('main'))

  it('fetches the full history when it may, and says what it fetched', async () => {
    const clone = fx.shallowClone('main')
    const log: string[] = []
    const scan = await findLeaks(
      await history({ cwd: clone, fetch: true, log: message => log.push(message) }),
      {}
    )
    expect(fx.isShallow(clone)).toBe(false)
    expect(scan.findings.map(finding => finding.commit)).toEqual([
      ...Array(4).fill(filler[20]),
      ...Array(4).fill(filler[120]),
      commits.added,
      commits.kept,
      commits.binary,
      commits.merge,
      commits.long,
      commits.configured
    ])
    expect(scan.coverage.incomplete).toBe(false)
    expect(scan.coverage.source).toMatch(/^git \(fetched \d+ commits of history in [\d.]+ s\)$/)
    // The log says the same count as the summary's source, once.
    expect(log.join('\n')).toContain(`History: ${scan.coverage.source.slice('git ('.length, -1)}`)
  })

  it('says a slow fetch is still going, at the progress pace, until it ends', async () => {
    const clone = fx.shallowClone('main')
    // A slow origin: each fetch waits a second before git runs.
    const slowGit = recordingGit(path.join(fx.root, 'slow-git'), { fetchDelaySeconds: 1 })
    const log: string[] = []
    const pathBefore = process.env.PATH
    process.env.PATH = slowGit.pathEnv
    try {
      await findLeaks(
        await history({
          cwd: clone,
          fetch: true,
          progressIntervalMs: 100,
          log: message => log.push(message)
        }),
        {}
      )
    } finally {
      process.env.PATH = pathBefore
    }
    expect(slowGit.commandLines()).toMatch(/ fetch /)
    const fetched = log.findIndex(line => line.startsWith('History: fetched'))
    expect(fetched).toBeGreaterThan(0)
    const waiting = log
      .slice(0, fetched)
      .filter(line => /^History: still fetching from origin \(\d+ s\)$/.test(line))
    expect(waiting.length).toBeGreaterThan(0)
    expect(log.slice(fetched)).not.toContainEqual(expect.stringMatching(/still fetching/))
  })

  it('without fetching, scans what is there and reports the missing history', async () => {
    const clone = fx.shallowClone('main', 3)
    const scan = await findLeaks(await history({ cwd: clone, tool: 'cli' }), {})
    expect(scan.coverage.incomplete).toBe(true)
    expect(scan.coverage.skipped[0]).toMatchObject({
      what: expect.stringMatching(/^history before the shallow boundary/),
      fix: expect.stringContaining('git fetch --unshallow')
    })
    expect(scan.coverage.commits).toBe(3)
  })
})

describe('history scan: keys at HEAD', () => {
  it('judges the files git can be asked for, and leaves a name with a line break unjudged', async () => {
    const repo = new GitFixture()
    try {
      repo.commit({
        'kept.env': `${keptKey}\n`,
        'gone.env': `${removedKey}\n`,
        'odd\nname.env': `${mergeKey}\n`
      })
      repo.commit({ 'gone.env': 'emptied\n', 'odd\nname.env': 'emptied\n' }, 'remove the keys')
      const source = await openScanSource(
        { kind: 'history' },
        { cwd: repo.work, fetch: false, maxFileBytes: 1 << 20, maxLineBytes: 4096 }
      )
      const scan = await findLeaks(source, {})
      const atHead = scan.findings.map(finding => [nameOf(finding.secret), finding.path, !finding.removed])
      expect(atHead).toEqual([
        ['removedKey', 'gone.env', false],
        ['keptKey', 'kept.env', true],
        // cat-file cannot be asked for it: not judged, so not called removed.
        ['mergeKey', 'odd\nname.env', true]
      ])
    } finally {
      repo.cleanup()
    }
  })
})
