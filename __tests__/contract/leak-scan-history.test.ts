/**
 * `scan: history` end to end: the built action in a depth-1 checkout like actions/checkout's fetches the history
 * itself and reports every key ever committed with its commit; and an invalid configured key is searched for in
 * the whole history (revoked by OpenAI's leak detection?) without ever reaching a git command line.
 */
import { describe, expect, it } from '@jest/globals'
import { actionSession } from '../helpers/action-session.js'
import { makeKey } from '../helpers/keys.js'
import { recordingGit } from '../helpers/recording-git.js'
import type { ActionRun } from '../helpers/runner-harness.js'
import { expectNoKeys, leakScan, readSarif, summaryText } from './leak-scan-support.js'

const CONFIGURED_KEY = makeKey('project', 701)
/** Unknown to the fake API: 401 invalid_api_key. */
const REVOKED_KEY = makeKey('project', 702)
const OLD_KEY = makeKey('service-account', 703)
const CURRENT_KEY = makeKey('admin', 704)
const ALL_KEYS = [CONFIGURED_KEY, REVOKED_KEY, OLD_KEY, CURRENT_KEY]

const session = actionSession({ validKeys: [CONFIGURED_KEY] })
const scan = leakScan(session, CONFIGURED_KEY)

/** A pushed history: a key added then removed, another still there, filler commits around them. */
function pushedHistory() {
  const fx = session.fixture()
  const root = fx.commit({ 'README.md': '# app\n' }, 'root')
  const added = fx.commit({ 'config/dev.env': `OPENAI_API_KEY=${OLD_KEY}\n` }, 'dev settings')
  const removed = fx.commit({ 'config/dev.env': 'OPENAI_API_KEY=\n' }, 'use secrets')
  const current = fx.commit({ 'admin/tool.py': `ADMIN = "${CURRENT_KEY}"\n` }, 'admin tool')
  for (let index = 0; index < 5; index++)
    fx.commit({ [`notes/${index}.md`]: `note ${index}\n` }, `note ${index}`)
  const revoked = fx.commit({ 'scripts/run.sh': `export OPENAI_API_KEY=${REVOKED_KEY}\n` }, 'script')
  const head = fx.commit({ 'scripts/run.sh': 'export OPENAI_API_KEY="$KEY"\n' }, 'script from env')
  fx.push('main')
  return { fx, root, added, removed, current, revoked, head }
}

const dispatch = (head: string) => ({
  eventName: 'workflow_dispatch',
  event: { inputs: {}, ref: 'refs/heads/main', repository: { full_name: 'octo/app' } },
  env: { GITHUB_SHA: head }
})

function expectClean(run: ActionRun, files: string[] = []): void {
  expectNoKeys(run, ALL_KEYS, files)
}

describe('scan: history', () => {
  it('from a depth-1 checkout: fetches the history, says what it fetched, finds every key with its commit', async () => {
    const history = pushedHistory()
    const checkout = history.fx.actionsCheckout(history.head)
    const run = await scan(
      { scan: 'history', 'sarif-file': 'history.sarif' },
      { ...dispatch(history.head), workspace: checkout }
    )
    expect(run.exitCode).toBe(1)
    expect(run.outputs.leaks).toBe('3')
    // One count of fetched commits, the same in the log and in the summary, without "(s)".
    expect(run.stdout).toMatch(/History: fetched 10 commits of history in [\d.]+ s/)
    expect(run.stdout).not.toMatch(/\(s\)/)
    expect(run.stdout).toMatch(/History: scanned 11 commits/)
    const summary = summaryText(run)
    expect(summary).toMatch(/- Mode: ` history `/)
    expect(summary).toMatch(/Source: git \(fetched 10 commits of history in [\d.]+ s\)/)
    expect(summary).not.toMatch(/incomplete/)
    expect(summary).toMatch(new RegExp(`${history.added.slice(0, 7)}[^|]*, removed later`))
    expect(summary).not.toMatch(new RegExp(`${history.current.slice(0, 7)}[^|]*, removed`))
    const sarif = readSarif(run)
    expect(sarif.log.runs[0].results.map(result => result.properties.commit).sort()).toEqual(
      [history.added, history.current, history.revoked].sort()
    )
    expectClean(run, [sarif.file])
  })

  it('a key in a file renamed later is still at HEAD: never reported as removed', async () => {
    const fx = session.fixture()
    const settings = `token=${OLD_KEY}\nregion=eu\nretries=3\ntimeout=30\n`
    fx.commit({ 'README.md': '# app\n' }, 'root')
    const renamedKey = fx.commit({ 'old/settings.txt': settings }, 'settings')
    const deletedKey = fx.commit({ 'tools/admin.js': `const key = '${CURRENT_KEY}'\n` }, 'admin tool')
    fx.commit({ 'old/settings.txt': null, 'config/settings.txt': settings }, 'move the settings')
    fx.commit({ 'config/settings.txt': null, 'config/app.txt': settings }, 'rename them again')
    const head = fx.commit({ 'tools/admin.js': null }, 'drop the admin tool')
    fx.push('main')
    const run = await scan(
      { scan: 'history', 'sarif-file': 'history.sarif' },
      { ...dispatch(head), workspace: fx.actionsCheckout(head) }
    )
    expect(run.outputs.leaks).toBe('2')
    const summary = summaryText(run)
    expect(summary).toMatch(new RegExp(`In commit \\[\` ${renamedKey.slice(0, 7)} \`\\]\\([^)]*\\)\\.`))
    expect(summary).toMatch(
      new RegExp(`In commit \\[\` ${deletedKey.slice(0, 7)} \`\\]\\([^)]*\\), removed later`)
    )
    // History has no range: the annotation of the deleted key says what the summary says.
    const deleted = run.annotations.find(annotation => annotation.properties.file === 'tools/admin.js')
    expect(deleted?.message).toMatch(
      new RegExp(
        `committed in tools/admin\\.js \\(commit ${deletedKey.slice(0, 7)}\\) and removed later; it stays`
      )
    )
    const results = readSarif(run).log.runs[0].results
    const byCommit = (commit: string) => results.find(result => result.properties.commit === commit)
    expect(byCommit(renamedKey)?.properties).not.toHaveProperty('removedIn')
    expect(byCommit(deletedKey)?.properties).toHaveProperty('removedIn')
    expectClean(run, [readSarif(run).file])
  })

  it('says what it could not scan when it cannot fetch', async () => {
    const history = pushedHistory()
    const checkout = history.fx.actionsCheckout(history.head)
    history.fx.git(checkout, ['remote', 'set-url', 'origin', 'file:///nonexistent/origin.git'])
    const run = await scan({ scan: 'history' }, { ...dispatch(history.head), workspace: checkout })
    const summary = summaryText(run)
    expect(summary).toMatch(/What was scanned \(incomplete\)/)
    expect(summary).toMatch(/history before the shallow boundary/)
    expect(summary).toMatch(/fetch-depth: 0/)
    // A history scan names what it could not read: the history, not a change.
    expect(summary).toMatch(/fail-on leak: part of the history could not be scanned for keys/)
    expect(summary).not.toMatch(/part of the change/)
    expectClean(run)
  })
})

describe('revoked after a leak, across the whole history', () => {
  it('an invalid key committed long before the scanned range: where and in which commit, never on a command line', async () => {
    const history = pushedHistory()
    const git = recordingGit(history.fx.root)
    const run = await session.run({
      inputs: {
        'api-key': REVOKED_KEY,
        'base-url': session.fake.baseUrl,
        'verify-leaks': 'false',
        scan: 'changed'
      },
      eventName: 'push',
      event: { before: history.revoked, after: history.head, ref: 'refs/heads/main', commits: [{}] },
      workspace: history.fx.work,
      env: { GITHUB_SHA: history.head, PATH: git.pathEnv }
    })
    expect(run.outputs['key-status']).toBe('invalid')
    expect(run.outputs.leaks).toBe('0')
    expect(run.summary).toMatch(/OpenAI\\?'s leak detection most likely revoked this key/)
    expect(run.summary).toContain(history.revoked.slice(0, 7))
    expect(run.summary).toMatch(/scripts\\?\/run\\?\.sh\\?:1 \\?\(commit/)
    // The head commit took the key out of scripts/run.sh: the fix does not ask to remove it again.
    expect(summaryText(run)).toMatch(
      /\*\*Fix:\*\* The key is no longer in the files, but the git history keeps it, so revoke it if it still shows at <?https:\/\/platform\.openai\.com\/api-keys>?; keep the new one only in secrets\./
    )
    expect(summaryText(run)).not.toMatch(/Remove the key from/)
    expect(summaryText(run)).toMatch(
      /- \*\*The configured key\*\*\n {2}- .*scripts\/run\.sh:1.*: the key this workflow uses was committed here, and removed later\n/
    )
    expect(git.commandLines()).toMatch(/log .*--no-walk=unsorted --stdin/)
    expect(git.commandLines()).not.toContain(REVOKED_KEY)
    expect(git.commandLines()).not.toContain(REVOKED_KEY.slice(8, -4))
    expectClean(run)
  })

  it.each(['changed', 'none'])(
    'scan: %s from a depth-1 checkout: says only the commits present were searched, never that the key was not leaked',
    async mode => {
      const history = pushedHistory()
      const checkout = history.fx.actionsCheckout(history.head)
      // Committed long before the commits a depth-1 checkout (or a `changed` scan's fetch) holds.
      const run = await session.run({
        inputs: { 'api-key': OLD_KEY, 'base-url': session.fake.baseUrl, scan: mode },
        ...dispatch(history.head),
        workspace: checkout
      })
      expect(run.outputs['key-status']).toBe('invalid')
      expect(run.stdout).toMatch(/The key is invalid: searching the history for it/)
      if (mode === 'none') expect(run.stdout).toMatch(/History: scanned 1 commit, /)
      const summary = summaryText(run)
      expect(summary).not.toMatch(/does not appear in the repository history/)
      expect(summary).toMatch(
        /The key is not in the \d+ commits? searched, but older commits were not searched, so a leak there is not ruled out: use ` scan: history ` \(it fetches the history itself\), or add ` fetch-depth: 0 ` to actions\/checkout\./
      )
      expectClean(run)
    }
  )

  it('says nothing about a leak when the history holds no copy of the key', async () => {
    const history = pushedHistory()
    const run = await session.run({
      inputs: { 'api-key': makeKey('project', 799), 'base-url': session.fake.baseUrl, scan: 'none' },
      ...dispatch(history.head),
      workspace: history.fx.work
    })
    expect(run.outputs['key-status']).toBe('invalid')
    expect(run.summary).not.toMatch(/leak detection most likely revoked/)
    expect(run.summary).toMatch(/does not appear in the repository/)
  })
})
