/**
 * Secret hygiene of the whole action, everything on: key check (with a secret pasted with whitespace), scan of
 * a pull request that commits the workflow's key and two others, verify-leaks, SARIF. Then stdout, stderr,
 * the summary, the outputs, the SARIF file and every file the step created or changed (run directory,
 * workspace, HOME, TMPDIR) are searched for each key: whole, trimmed, base64, and any 13-character piece.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { redact } from '../../src/core/redact.js'
import { startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai.js'
import { GitFixture } from '../helpers/git-fixtures.js'
import { makeKey } from '../helpers/keys.js'
import { cleanup, runAction, type ActionRun } from '../helpers/runner-harness.js'
import { expectNoKeyIn, longestSharedRun } from '../helpers/no-key.js'
import { expectCleanEnd } from './support.js'

const KEY = makeKey('project', 601)
/** As pasted into the secret: a trailing newline and a leading space. */
const CONFIGURED = ` ${KEY}\n`
const LIVE_LEAK = makeKey('service-account', 602)
const DEAD_LEAK = makeKey('legacy', 603)
const FOUND = [KEY, LIVE_LEAK, DEAD_LEAK]

let fx: GitFixture
let fake: FakeOpenAI
let run: ActionRun
let home: string
let tmp: string
let checkout: string
let workspaceBefore: Map<string, string>

/** path -> content hash of every file under `root` (symbolic links by their target). */
function snapshot(root: string): Map<string, string> {
  const files = new Map<string, string>()
  const walk = (directory: string): void => {
    for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
      const full = path.join(directory, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.isSymbolicLink()) files.set(full, `link:${fs.readlinkSync(full)}`)
      else if (entry.isFile())
        files.set(full, createHash('sha256').update(fs.readFileSync(full)).digest('hex'))
    }
  }
  walk(root)
  return files
}

function changedFiles(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after].filter(([file, hash]) => before.get(file) !== hash).map(([file]) => file)
}

beforeAll(async () => {
  fx = new GitFixture()
  fake = await startFakeOpenAI({ validKeys: [KEY, LIVE_LEAK] })
  const base = fx.commit({ 'README.md': 'base\n' }, 'base')
  fx.push('main')
  fx.git(fx.work, ['checkout', '--quiet', '-b', 'feature'])
  fx.commit({ '.env': `OPENAI_API_KEY=${KEY}\n`, 'deploy/ci.yml': `token: "${LIVE_LEAK}"\n` }, 'add config')
  fx.commit({ 'old.py': `openai.api_key = '${DEAD_LEAK}'\n`, '.env': 'OPENAI_API_KEY=\n' }, 'remove the key')
  const head = fx.head()
  fx.push('feature')
  checkout = fx.actionsCheckout(head)
  home = fs.mkdtempSync(path.join(fx.root, 'home-'))
  tmp = fs.mkdtempSync(path.join(fx.root, 'tmp-'))
  workspaceBefore = snapshot(checkout)

  run = await runAction({
    eventName: 'pull_request',
    event: {
      repository: { full_name: 'octo/app' },
      pull_request: {
        number: 3,
        commits: 2,
        base: { sha: base, repo: { full_name: 'octo/app' } },
        head: { sha: head, repo: { full_name: 'octo/app' } }
      }
    },
    workspace: checkout,
    env: { HOME: home, TMPDIR: tmp },
    timeoutMs: 30_000,
    inputs: {
      'api-key': CONFIGURED,
      'base-url': fake.baseUrl,
      scan: 'changed',
      'verify-leaks': 'true',
      'sarif-file': 'reports/okd.sarif',
      'required-models': 'gpt-4o',
      timeout: '2'
    }
  })
})
afterAll(async () => {
  if (run) cleanup(run)
  await fake?.close()
  fx?.cleanup()
})

describe('secret hygiene of a full run', () => {
  it('runs everything it was asked to: key check, scan, verify-leaks, SARIF', () => {
    expectCleanEnd(run)
    expect(run.outputs).toMatchObject({
      'key-status': 'malformed',
      cause: 'whitespace',
      leaks: '3',
      'live-leaks': '2',
      'sarif-file': path.join(checkout, 'reports/okd.sarif')
    })
    expect(run.exitCode).toBe(1)
    // The key was sent trimmed, each leak verified once (the configured key's answer reused), nothing else.
    const sent = fake.requests.map(request => request.headers.authorization)
    expect(sent.filter(value => value === `Bearer ${KEY}`)).toHaveLength(2)
    expect(sent.filter(value => value === `Bearer ${LIVE_LEAK}`)).toHaveLength(1)
    expect(sent.filter(value => value === `Bearer ${DEAD_LEAK}`)).toHaveLength(1)
    expect(sent).toHaveLength(4)
  })

  it('masks every key before anything else is printed', () => {
    const lines = run.stdout.split('\n')
    const masks = new Set(run.masks)
    for (const key of [CONFIGURED.trim(), ...FOUND]) expect(masks.has(key)).toBe(true)
    // The configured key's masks come first; each found key's mask comes before any line about it.
    expect(lines[0].startsWith('::add-mask::')).toBe(true)
    for (const key of FOUND) {
      const masked = lines.findIndex(line => line === `::add-mask::${key}`)
      const mentioned = lines.findIndex(line => line.includes(redact(key)))
      expect(masked).toBeGreaterThanOrEqual(0)
      if (mentioned >= 0) expect(masked).toBeLessThan(mentioned)
    }
  })

  it('shows no key, in any form, on stdout, stderr, the summary or the outputs', () => {
    const stdoutWithoutMasks = run.stdout
      .split('\n')
      .filter(line => !line.startsWith('::add-mask::'))
      .join('\n')
    const channels: Record<string, string> = {
      stdout: stdoutWithoutMasks,
      stderr: run.stderr,
      summary: run.summary,
      outputs: JSON.stringify(run.outputs)
    }
    for (const [channel, text] of Object.entries(channels)) {
      expectNoKeyIn(text, channel, CONFIGURED, ...FOUND)
      expect(text).not.toContain(Buffer.from(CONFIGURED).toString('base64'))
    }
    // Each key is still recognisable, redacted, in the summary.
    for (const key of FOUND) expect(run.summary).toContain(redact(key))
  })

  it('writes no key into any file it creates or changes: run directory, workspace, HOME, TMPDIR', () => {
    const written = [
      ...snapshot(run.workDir).keys(),
      ...changedFiles(workspaceBefore, snapshot(checkout)),
      ...snapshot(home).keys(),
      ...snapshot(tmp).keys()
    ]
    expect(written).toContain(path.join(checkout, 'reports/okd.sarif'))
    expect(written).toContain(path.join(run.workDir, 'summary'))
    expect(written).toContain(path.join(run.workDir, 'output'))
    for (const file of written) {
      const bytes = fs.readFileSync(file)
      const text = bytes.toString('latin1')
      const where = path.relative(fx.root, file) || file
      for (const key of [CONFIGURED, ...FOUND]) {
        for (const form of [
          key,
          key.trim(),
          Buffer.from(key).toString('base64'),
          Buffer.from(key.trim()).toString('base64')
        ]) {
          if (text.includes(form)) throw new Error(`${where} holds ${redact(key.trim())}`)
        }
      }
      // Git's own objects are compressed; every other file must not hold even a piece of a key.
      if (!file.includes(`${path.sep}.git${path.sep}objects${path.sep}`)) {
        for (const key of FOUND) {
          const longest = longestSharedRun(text, key)
          if (longest > 12) throw new Error(`${where} holds ${longest} characters of ${redact(key)}`)
        }
      }
    }
  })

  it('writes a SARIF report with every finding, redacted', () => {
    const sarif = JSON.parse(fs.readFileSync(path.join(checkout, 'reports/okd.sarif'), 'utf8'))
    const results = sarif.runs[0].results as Array<{ message: { text: string }; ruleId: string }>
    expect(results).toHaveLength(3)
    expect(results.map(result => result.ruleId).sort()).toEqual(
      ['configured-key', 'openai-service-account-key', 'openai-user-key'].sort()
    )
    for (const key of FOUND)
      expect(results.some(result => result.message.text.includes(redact(key)))).toBe(true)
  })
})

describe('the GitHub token goes to GitHub only', () => {
  const TOKEN = 'ghs_scopedtoken000000000000000000000000'
  let repo: GitFixture
  const seen: Array<{ path: string; authorization?: string }> = []
  let server: Server
  let origin: string

  beforeAll(async () => {
    repo = new GitFixture()
    server = createServer((request, response) => {
      seen.push({ path: request.url ?? '', authorization: request.headers.authorization })
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}')
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    repo.commit({ 'README.md': 'checked out\n' })
    repo.git(repo.work, ['remote', 'set-url', 'origin', `${origin}/octo/app.git`])
  })
  afterAll(async () => {
    server?.closeAllConnections()
    if (server) await new Promise<void>(resolve => server.close(() => resolve()))
    repo?.cleanup()
  })

  /** A pull request whose commits are not in the checkout, so git fetches from origin, then asks the REST API. */
  async function scanWith(serverUrl: string): Promise<ActionRun> {
    seen.length = 0
    const pullRequest = await runAction({
      eventName: 'pull_request',
      event: {
        repository: { full_name: 'octo/app' },
        pull_request: { number: 4, base: { sha: 'a'.repeat(40) }, head: { sha: 'b'.repeat(40) } }
      },
      workspace: repo.work,
      env: { GITHUB_SERVER_URL: serverUrl, GITHUB_API_URL: `${origin}/api` },
      timeoutMs: 30_000,
      inputs: { 'github-token': TOKEN, liveness: 'false', scan: 'changed' }
    })
    cleanup(pullRequest)
    expectCleanEnd(pullRequest)
    expect(pullRequest.summary).toContain('The requested range was NOT fully scanned')
    return pullRequest
  }

  const basic = `basic ${Buffer.from(`x-access-token:${TOKEN}`).toString('base64')}`
  const gitRequests = () => seen.filter(request => request.path.startsWith('/octo/app.git/'))
  const apiRequests = () => seen.filter(request => request.path.startsWith('/api/'))

  it('git never sends it to an origin outside GITHUB_SERVER_URL; the REST API gets it at GITHUB_API_URL', async () => {
    await scanWith('https://github.com')
    expect(gitRequests().length).toBeGreaterThan(0)
    expect(gitRequests().filter(request => request.authorization !== undefined)).toEqual([])
    expect(apiRequests().length).toBeGreaterThan(0)
    expect(apiRequests().every(request => request.authorization === `token ${TOKEN}`)).toBe(true)
  })

  it('git sends it to origin when origin is on GITHUB_SERVER_URL (credentials not persisted by checkout)', async () => {
    await scanWith(origin)
    expect(gitRequests().some(request => request.authorization?.toLowerCase() === basic.toLowerCase())).toBe(
      true
    )
  })
})
