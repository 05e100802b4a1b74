/**
 * Findings of a range located in its head (issue 10), with real git ranges: later commits insert, delete and
 * move lines above and below a key, rename its file and remove keys; a merge of an old commit re-adds a key.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { configuredKeyEvidence, findLeaks } from '../../src/engine/find-leaks.js'
import { locateInHead, type SequencedFinding } from '../../src/engine/locate-in-head.js'
import type { HeadFiles } from '../../src/scan/coverage.js'
import { openScanSource } from '../../src/scan/sources/registry.js'
import type { Finding } from '../../src/scan/types.js'
import { GitFixture } from '../helpers/git-fixtures.js'
import { makeKey } from '../helpers/keys.js'

const fx = new GitFixture()
afterAll(() => fx.cleanup())

async function scanRange(base: string, head: string, configuredKey?: string) {
  const source = await openScanSource(
    { kind: 'range', range: `${base}..${head}` },
    {
      cwd: fx.work,
      fetch: false,
      maxFileBytes: 1 << 20,
      maxLineBytes: 4096
    }
  )
  return findLeaks(source, configuredKey ? { configuredKey } : {})
}

const numbered = (from: number, to: number, tag: string) =>
  Array.from({ length: to - from + 1 }, (_, index) => `${tag} ${from + index}`)

/** The 1-based line of `key` in `text`, and its 1-based column. */
function placeOf(text: string, key: string): { line: number; startColumn: number } {
  const lines = text.split('\n')
  const index = lines.findIndex(line => line.includes(key))
  return { line: index + 1, startColumn: lines[index].indexOf(key) + 1 }
}

function only(findings: Finding[], key: string): Finding {
  const matching = findings.filter(finding => finding.secret === key)
  expect(matching).toHaveLength(1)
  return matching[0]
}

describe('a range whose later commits move the key', () => {
  const PUSHED = makeKey('project', 901)
  const SHIFTED = makeKey('legacy', 902)
  const GONE = makeKey('service-account', 903)
  const MOVED = makeKey('admin', 904)
  let base: string
  let commits: string[]
  let headConfig: string
  let headNotes: string

  beforeAll(() => {
    base = fx.commit({
      'app/config.ts': `${numbered(1, 10, 'config').join('\n')}\n`,
      'notes.md': 'a\nb\nc\n'
    })
    const config1 = [...numbered(1, 4, 'config'), `key = '${PUSHED}'`, ...numbered(5, 10, 'config')]
    const c1 = fx.commit(
      {
        'app/config.ts': `${config1.join('\n')}\n`,
        'notes.md': `a\nb\nsecond = ${SHIFTED}\nc\n`,
        'tmp.env': `KEY=${GONE}\n`,
        'moves.txt': `one\ntwo\nthree ${MOVED}\nfour\nfive\n`
      },
      'add keys'
    )
    // Lines inserted above the key and deleted below it; lines deleted above the other key.
    const config2 = [
      ...numbered(1, 2, 'config'),
      'new 1',
      'new 2',
      'new 3',
      ...config1.slice(2, 9),
      ...config1.slice(10)
    ]
    const c2 = fx.commit(
      { 'app/config.ts': `${config2.join('\n')}\n`, 'notes.md': `second = ${SHIFTED}\nc\n` },
      'edit'
    )
    // The key's line moved below others (a deletion and an addition in git's eyes).
    const c3 = fx.commit({ 'moves.txt': `one\ntwo\nfour\nfive\nthree ${MOVED}\n` }, 'move a line')
    // The file renamed with an edit, more lines above the key.
    headConfig = `${['// header', ...config2].join('\n')}\n`
    const c4 = fx.commit({ 'app/config.ts': null, 'src/config.ts': headConfig }, 'rename')
    const c5 = fx.commit({ 'tmp.env': null }, 'remove the env file')
    headNotes = `second = ${SHIFTED}\nc\n`
    commits = [c1, c2, c3, c4, c5]
  })

  it('reports each key at its line in the head with the commit that added it, and a removed key with both commits', async () => {
    const scan = await scanRange(base, commits[4])

    const pushed = only(scan.findings, PUSHED)
    expect(pushed).toMatchObject({
      path: 'src/config.ts',
      ...placeOf(headConfig, PUSHED),
      commit: commits[0]
    })
    expect(pushed.removed).toBeUndefined()
    expect(pushed.endColumn - pushed.startColumn + 1).toBe(PUSHED.length)

    expect(only(scan.findings, SHIFTED)).toMatchObject({
      path: 'notes.md',
      ...placeOf(headNotes, SHIFTED),
      commit: commits[0]
    })

    const moved = only(scan.findings, MOVED)
    expect(moved).toMatchObject({ path: 'moves.txt', line: 5, startColumn: 7, commit: commits[0] })

    const gone = only(scan.findings, GONE)
    expect(gone).toMatchObject({ path: 'tmp.env', commit: commits[0], removed: { commit: commits[4] } })
    expect(scan.findings).toHaveLength(4)
  })

  it('a key added then removed by later commits of a longer range names the commit that removed it', async () => {
    const scan = await scanRange(base, commits[4])
    expect(only(scan.findings, GONE).removed).toEqual({ commit: commits[4] })
    // Scanned from after the key was added, the removal is all the range holds: nothing to report.
    const later = await scanRange(commits[0], commits[4])
    expect(later.findings.filter(finding => finding.secret === GONE)).toEqual([])
  })
})

describe('a merge whose second parent is an old commit re-adding a removed key', () => {
  const OLD = makeKey('project', 911)

  it('reports the key the head holds and the base does not, at its line in the head', async () => {
    fx.git(fx.work, ['checkout', '--quiet', '-B', 'old-main'])
    const old = fx.commit({ 'deploy/.env': `# deploy\nOPENAI_API_KEY=${OLD}\n` }, 'old key')
    const base = fx.commit({ 'deploy/.env': '# deploy\nOPENAI_API_KEY=\n' }, 'remove the key')
    fx.git(fx.work, ['checkout', '--quiet', '-B', 'feature'])
    fx.commit({ 'feature.txt': 'work\n' }, 'feature work')
    // The merge's tree takes the old commit's file as it was: no line is new against both parents.
    fx.git(fx.work, ['checkout', old, '--', 'deploy/.env'])
    const tree = fx.git(fx.work, ['write-tree'])
    const merge = fx.git(fx.work, ['commit-tree', tree, '-p', 'HEAD', '-p', old, '-m', 'merge old'])
    fx.git(fx.work, ['reset', '--quiet', '--hard', merge])

    const scan = await scanRange(base, merge)
    expect(only(scan.findings, OLD)).toMatchObject({
      path: 'deploy/.env',
      line: 2,
      startColumn: 16,
      commit: merge
    })
  })
})

describe('a key in a file name', () => {
  it('is placed on its file, apart from the same key in content; renamed away, it is removed by that commit', async () => {
    const NAMED = makeKey('project', 905)
    const GONE = makeKey('admin', 906)
    const base = fx.commit({ 'README.md': 'readme\n' })
    const added = fx.commit({ 'keys/plain.txt': `key = '${NAMED}'\n`, [`old/${GONE}.md`]: 'notes\n' })
    // The content's key was added before the name's: each is placed by its own kind, not by which came first.
    fx.git(fx.work, ['mv', 'keys/plain.txt', `keys/${NAMED}.txt`])
    fx.git(fx.work, ['mv', `old/${GONE}.md`, 'old/notes.md'])
    const renamed = fx.commit({})
    const scan = await scanRange(base, renamed)
    const found = scan.findings.map(finding => ({
      path: finding.path,
      line: finding.line,
      inFileName: finding.inFileName ?? false,
      commit: finding.commit,
      removed: finding.removed
    }))
    expect(found).toEqual(
      expect.arrayContaining([
        { path: `keys/${NAMED}.txt`, line: 1, inFileName: false, commit: added, removed: undefined },
        { path: `keys/${NAMED}.txt`, line: 0, inFileName: true, commit: renamed, removed: undefined },
        { path: `old/${GONE}.md`, line: 0, inFileName: true, commit: added, removed: { commit: renamed } }
      ])
    )
    expect(found).toHaveLength(3)
  })
})

describe("the order of located findings (what lists the places of the workflow's own key)", () => {
  /** A finding of `key` (its fingerprint `fp-<key>`) in `path`: in content at `line`, or in the name. */
  function finding(key: string, path: string, line: number | 'name', commit?: string): Finding {
    return {
      detectorId: 'test',
      detectorName: 'Test key',
      severity: 'error',
      path,
      line: line === 'name' ? 0 : line,
      startColumn: 1,
      endColumn: key.length,
      secret: key,
      redacted: key,
      fingerprint: `fp-${key}`,
      ...(commit ? { commit } : {}),
      ...(line === 'name' ? { inFileName: true as const } : {})
    }
  }
  const label = (found: Finding) =>
    `${found.path}:${found.line}${found.inFileName ? ' name' : ''} ${found.commit ?? '-'}` +
    (found.removed ? ` removed by ${found.removed.commit ?? '?'}` : '')

  it('claimed findings in the order of the commits, then the net change grouped by key, then the rest', async () => {
    const inHead = [
      finding('KEY-A', 'a.txt', 1),
      finding('KEY-A', 'm/KEY-A.md', 'name'),
      finding('KEY-B', 'a.txt', 2),
      finding('KEY-A', 'k/KEY-A.txt', 'name'),
      finding('KEY-A', 'k/KEY-A.txt', 1),
      finding('KEY-C', 'z/KEY-C.md', 'name'),
      finding('KEY-B', 'y.txt', 3)
    ]
    const sequenced = (found: Finding, sequence: number): SequencedFinding => ({ finding: found, sequence })
    const added = [
      sequenced(finding('KEY-B', 'y.txt', 3, 'c1'), 1),
      // Renamed by a later commit: it stands for the first net-change finding of its key and kind.
      sequenced(finding('KEY-A', 'old/KEY-A.md', 'name', 'c1'), 2),
      sequenced(finding('KEY-D', 'keep.txt', 1, 'c1'), 3),
      sequenced(finding('KEY-E', 'gone.txt', 1, 'c2'), 4),
      // No net-change finding of their kind: a name never stands for content, nor content for a name.
      sequenced(finding('KEY-C', 'old.txt', 1, 'c2'), 5),
      sequenced(finding('KEY-B', 'b/KEY-B.txt', 'name', 'c2'), 6)
    ]
    const removed = [
      sequenced(finding('KEY-C', 'z/KEY-C.md', 'name', 'c3'), 7),
      sequenced(finding('KEY-E', 'gone.txt', 1, 'c3'), 8)
    ]
    const head: HeadFiles = {
      commit: 'head',
      read: async paths => {
        const files = new Map([
          ['keep.txt', Buffer.from('one\ntwo\nthree\nd = KEY-D\n')],
          ['b/KEY-B.txt', Buffer.from('notes\n')]
        ])
        return new Map([...files].filter(([path]) => paths.includes(path)))
      }
    }
    const located = await locateInHead({ added, removed, inHead }, head)
    expect(located.map(label)).toEqual([
      'y.txt:3 c1',
      'm/KEY-A.md:0 name c1',
      'a.txt:1 head',
      'k/KEY-A.txt:0 name head',
      'k/KEY-A.txt:1 head',
      'a.txt:2 head',
      'z/KEY-C.md:0 name head',
      'keep.txt:4 c1',
      'gone.txt:1 c2 removed by c3',
      'old.txt:1 c2 removed by ?',
      'b/KEY-B.txt:0 name c2'
    ])
  })

  it('lists the places of the configured key in that order, file names and content as git shows them', async () => {
    const KEY = makeKey('project', 921)
    fx.git(fx.work, ['checkout', '--quiet', '-B', 'configured-old'])
    const oldFiles = {
      [`a/${KEY}.env`]: `OPENAI_API_KEY=${KEY}\n`,
      'b.txt': `key ${KEY}\n`,
      [`c/${KEY}.txt`]: 'notes\n'
    }
    const old = fx.commit(oldFiles, 'old keys')
    const base = fx.commit(
      Object.fromEntries(Object.keys(oldFiles).map(name => [name, null])),
      'remove the keys'
    )
    const added = fx.commit({ 'd.txt': `d = ${KEY}\n` }, 'add a key')
    // A merge of the old commit brings its files back: no commit of the range added their keys.
    fx.git(fx.work, ['checkout', old, '--', ...Object.keys(oldFiles)])
    const tree = fx.git(fx.work, ['write-tree'])
    const merge = fx.git(fx.work, ['commit-tree', tree, '-p', 'HEAD', '-p', old, '-m', 'merge old'])
    fx.git(fx.work, ['reset', '--quiet', '--hard', merge])

    const scan = await scanRange(base, merge, KEY)
    const places = configuredKeyEvidence(scan.findings).map(
      place =>
        `${place.path.replace(KEY, 'KEY')}:${place.line} ${place.commit === merge ? 'merge' : place.commit === added ? 'added' : place.commit}`
    )
    expect(places).toEqual([
      'd.txt:1 added',
      'a/KEY.env:0 merge',
      'a/KEY.env:1 merge',
      'b.txt:1 merge',
      'c/KEY.txt:0 merge'
    ])
  })
})
