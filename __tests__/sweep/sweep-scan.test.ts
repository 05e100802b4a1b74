/**
 * `command: scan` as the runner runs it (dist/sweep/index.js): one plan job's repositories cloned from a server
 * (bare repositories over file://, standing in for GITHUB_SERVER_URL) and scanned whole-history by the bundled
 * CLI, found keys verified against a loopback OpenAI. What a user gets: a result per repository (also for one
 * that cannot be cloned, and an empty one), the CLI's JSON report and SARIF beside it, a log line each; and no
 * key, nor the token, in any channel or file.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { gunzipSync } from 'node:zlib'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { TempRepo } from '../cli/temp-repo.js'
import { commandsIn } from '../report/runner-commands.js'
import { recordingGit } from '../helpers/recording-git.js'
import { FakeGitHub } from '../helpers/fake-github.js'
import { startGitHttpServer, type GitHttpServer } from '../helpers/git-http-server.js'
import { startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai.js'
import { FIXTURE_GIT_ENV } from '../helpers/git-fixtures.js'
import { makeKey } from '../helpers/keys.js'
import {
  cleanup,
  everyChannel,
  runAction,
  SWEEP_ENTRY,
  SWEEP_MANIFEST,
  type ActionRun
} from '../helpers/runner-harness.js'

const TOKEN = 'ghs_sweepscan00000000000000000000000000000'
const LIVE_KEY = makeKey('project', 801)
const REMOVED_KEY = makeKey('service-account', 802)
/** The runner's own key (a step env): it must not reach the scans. */
const RUNNER_KEY = makeKey('project', 803)
/** In a path the repository's allow-list allows. */
const FIXTURE_KEY = makeKey('project', 804)
const KEYS = [LIVE_KEY, REMOVED_KEY, RUNNER_KEY, FIXTURE_KEY]

const server = mkdtempSync(path.join(tmpdir(), 'okd-sweep-server-'))
const sources: TempRepo[] = []
let openai: FakeOpenAI
let run: ActionRun
let resultsDir: string
let apiHead: string

/** A bare repository at <server>/<fullName>.git, pushed from a work repository made by `build`. */
function serve(fullName: string, build?: (repo: TempRepo) => void): void {
  const bare = path.join(server, `${fullName}.git`)
  mkdirSync(path.dirname(bare), { recursive: true })
  if (!build) {
    execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', bare], {
      env: { ...process.env, ...FIXTURE_GIT_ENV }
    })
    return
  }
  const repo = new TempRepo()
  sources.push(repo)
  build(repo)
  repo.git('clone', '--quiet', '--bare', repo.dir, bare)
}

beforeAll(async () => {
  openai = await startFakeOpenAI({ validKeys: [LIVE_KEY] })
  serve('acme/api', repo => {
    repo.commit({ 'README.md': '# api\n' }, 'root')
    repo.commit({ 'config/dev.env': `OPENAI_API_KEY=${REMOVED_KEY}\n` }, 'dev settings')
    repo.commit({ 'config/dev.env': 'OPENAI_API_KEY=\n' }, 'use secrets')
    apiHead = repo.commit({ 'tools/run.py': `KEY = "${LIVE_KEY}"\n` }, 'tool')
  })
  serve('acme/web', repo => {
    repo.commit({ 'index.html': '<h1>web</h1>\n' }, 'root')
    repo.commit({ 'app.js': 'console.log(process.env.OPENAI_API_KEY)\n' }, 'app')
    repo.commit({ 'fixtures/sample.env': `OPENAI_API_KEY=${FIXTURE_KEY}\n` }, 'test fixture')
    repo.commit({ '.openai-key-doctor-ignore': 'path: fixtures/**\n' }, 'allow the fixtures')
  })
  serve('acme/empty')
  const work = mkdtempSync(path.join(tmpdir(), 'okd-sweep-run-'))
  const planFile = path.join(work, 'plan.json')
  writeFileSync(
    planFile,
    JSON.stringify({
      sweepPlan: 1,
      organization: 'acme',
      jobs: [['acme/other'], ['acme/api', 'acme/empty', 'acme/gone', 'acme/web']]
    })
  )
  resultsDir = path.join(work, 'results')
  run = await runAction({
    entry: SWEEP_ENTRY,
    manifest: SWEEP_MANIFEST,
    inputs: {
      command: 'scan',
      'plan-file': planFile,
      job: '2',
      'results-directory': resultsDir,
      'github-token': TOKEN,
      'base-url': openai.baseUrl
    },
    env: { GITHUB_SERVER_URL: `file://${server}`, OPENAI_API_KEY: RUNNER_KEY },
    timeoutMs: 90_000
  })
}, 120_000)

afterAll(async () => {
  await openai.close()
  cleanup(run)
  sources.forEach(repo => repo.remove())
  rmSync(server, { recursive: true, force: true })
  rmSync(path.dirname(resultsDir), { recursive: true, force: true })
})

/** `command: scan` of the only job of a plan of `repositories` written to `work` (results: work/results), unverified. */
function scanJob(
  work: string,
  repositories: string[],
  inputs: Record<string, string>,
  env: Record<string, string>,
  timeoutMs: number
): Promise<ActionRun> {
  const planFile = path.join(work, 'plan.json')
  writeFileSync(planFile, JSON.stringify({ sweepPlan: 1, organization: 'acme', jobs: [repositories] }))
  return runAction({
    entry: SWEEP_ENTRY,
    manifest: SWEEP_MANIFEST,
    inputs: {
      command: 'scan',
      'plan-file': planFile,
      job: '1',
      'results-directory': path.join(work, 'results'),
      'github-token': TOKEN,
      'verify-leaks': 'false',
      ...inputs
    },
    env: { GITHUB_SERVER_URL: `file://${server}`, ...env },
    timeoutMs
  })
}

const result = (name: string) => JSON.parse(readFileSync(path.join(resultsDir, name), 'utf8'))

describe('sweep scan', () => {
  it("writes each repository's result, in plan order, and succeeds", () => {
    expect(run.exitCode).toBe(0)
    expect(result('002-0001.result.json')).toEqual({
      sweepResult: 1,
      repository: 'acme/api',
      leakCount: 2,
      liveLeakCount: 1,
      notScanned: [],
      error: null
    })
    expect(result('002-0002.result.json')).toMatchObject({
      repository: 'acme/empty',
      leakCount: 0,
      error: null
    })
    expect(result('002-0003.result.json')).toMatchObject({
      repository: 'acme/gone',
      leakCount: null,
      error: expect.stringContaining('git clone failed')
    })
    expect(result('002-0004.result.json')).toMatchObject({
      repository: 'acme/web',
      leakCount: 0,
      liveLeakCount: 0
    })
    expect(run.outputs['results-directory']).toBe(resultsDir)
  })

  it("keeps the CLI's JSON report and SARIF beside the result, with each key's commit", () => {
    const report = result('002-0001.report.json') as {
      leaks: { path: string; commit: string; removed: unknown }[]
    }
    expect(report.leaks.map(leak => [leak.path, Boolean(leak.removed)]).sort()).toEqual([
      ['config/dev.env', true],
      ['tools/run.py', false]
    ])
    const sarif = result('002-0001.sarif') as { runs: { results: unknown[] }[] }
    expect(sarif.runs[0].results).toHaveLength(2)
  })

  it('logs one line per repository and lists them in the job summary', () => {
    expect(run.stdout).toMatch(/^acme\/api: 2 keys found, 1 live \(\d+\.\d s\)$/m)
    expect(run.stdout).toMatch(
      /^acme\/gone: not scanned: git clone failed: fatal: .*does not appear to be a git repository/m
    )
    expect(run.summary).toContain('### Sweep job 2')
    expect(run.summary).toContain('- acme\\/web\\: 0 keys found')
  })

  it("never shows a key or the token, in any channel or file; the runner's OpenAI key is not passed on", () => {
    const files = readdirSync(resultsDir).map(name => path.join(resultsDir, name))
    const channels = everyChannel(run, files)
    for (const secret of [...KEYS, TOKEN]) expect(channels).not.toContain(secret)
    const sent = openai.requests.map(request => String(request.headers.authorization))
    expect(sent).toContain(`Bearer ${LIVE_KEY}`)
    expect(sent).not.toContain(`Bearer ${RUNNER_KEY}`)
  })
})

describe('sweep scan with upload-sarif: true', () => {
  let github: FakeGitHub
  let upload: ActionRun
  const work = mkdtempSync(path.join(tmpdir(), 'okd-sweep-upload-'))

  beforeAll(async () => {
    github = await FakeGitHub.start({
      owner: 'acme',
      repo: 'unused',
      commits: [],
      organizations: { acme: [{ name: 'api' }, { name: 'web' }] }
    })
    // Code scanning refused for web (no permission, or no GitHub Advanced Security on a private repository).
    github.intercept = request =>
      request.path === '/repos/acme/web/code-scanning/sarifs'
        ? { status: 403, body: { message: 'Resource not accessible by integration' } }
        : undefined
    upload = await scanJob(
      work,
      ['acme/api', 'acme/web'],
      { 'upload-sarif': 'true' },
      { GITHUB_API_URL: github.url },
      90_000
    )
  }, 120_000)

  afterAll(async () => {
    await github.close()
    cleanup(upload)
    rmSync(work, { recursive: true, force: true })
  })

  it("uploads each repository's SARIF for the head of its default branch, gzipped and base64-encoded", () => {
    expect(upload.exitCode).toBe(0)
    const [sent] = github.requestsTo('/repos/acme/api/code-scanning/sarifs')
    expect(sent.method).toBe('POST')
    expect(sent.authorization).toBe(`token ${TOKEN}`)
    const body = sent.body as { commit_sha: string; ref: string; sarif: string; tool_name: string }
    expect(body).toMatchObject({
      commit_sha: apiHead,
      ref: 'refs/heads/main',
      tool_name: 'openai-key-doctor'
    })
    const sarif = JSON.parse(gunzipSync(Buffer.from(body.sarif, 'base64')).toString('utf8'))
    expect(sarif.runs[0].results).toHaveLength(2)
    expect(JSON.stringify(body)).not.toContain(LIVE_KEY)
  })

  it('warns when code scanning refuses an upload, and keeps the results', () => {
    expect(upload.annotations).toEqual([
      expect.objectContaining({
        level: 'warning',
        message: expect.stringContaining(
          'acme/web: the SARIF report was not uploaded to code scanning (GitHub answered 403)'
        )
      })
    ])
    expect(
      JSON.parse(readFileSync(path.join(work, 'results', '001-0002.result.json'), 'utf8'))
    ).toMatchObject({
      repository: 'acme/web',
      leakCount: 0,
      liveLeakCount: null
    })
  })
})

describe('sweep scan of a plan naming what is not a repository', () => {
  const HOSTILE_NAMES = [
    '../../escape',
    'acme/..',
    '-c/core.sshCommand=x',
    'acme/x\n::warning::forged',
    'acme/a/b'
  ]
  let hostile: ActionRun
  const work = mkdtempSync(path.join(tmpdir(), 'okd-sweep-names-'))
  const gitRecorder = mkdtempSync(path.join(tmpdir(), 'okd-sweep-names-git-'))
  const git = recordingGit(gitRecorder)

  beforeAll(async () => {
    hostile = await scanJob(work, HOSTILE_NAMES, {}, { PATH: git.pathEnv }, 30_000)
  })

  afterAll(() => {
    cleanup(hostile)
    rmSync(work, { recursive: true, force: true })
    rmSync(gitRecorder, { recursive: true, force: true })
  })

  it('runs no git command for any of them, writes only numbered results, and logs each as one inert line', () => {
    expect(git.commandLines()).toBe('')
    expect(hostile.exitCode).toBe(0)
    expect(readdirSync(path.join(work, 'results')).sort()).toEqual(
      HOSTILE_NAMES.map((_, index) => `001-000${index + 1}.result.json`)
    )
    expect(readdirSync(work).sort()).toEqual(['plan.json', 'results'])
    HOSTILE_NAMES.forEach((name, index) => {
      const written = JSON.parse(
        readFileSync(path.join(work, 'results', `001-000${index + 1}.result.json`), 'utf8')
      )
      expect(written).toMatchObject({ repository: name, leakCount: null, error: 'not a repository name' })
    })
    expect(commandsIn(hostile.stdout).filter(command => command.command !== 'add-mask')).toEqual([])
  })
})

describe('sweep scan of a repository whose clone stalls', () => {
  let gitServer: GitHttpServer
  let stalled: ActionRun
  const work = mkdtempSync(path.join(tmpdir(), 'okd-sweep-stall-'))

  beforeAll(async () => {
    serve('acme/stalled', repo => repo.commit({ 'README.md': '# stalled\n' }, 'root'))
    // The stalled transfer outlasts the run's time limit: without git's own stall detection the run never ends.
    gitServer = await startGitHttpServer({ root: server, stalled: ['acme/stalled'], stallMs: 60_000 })
    stalled = await scanJob(
      work,
      ['acme/stalled', 'acme/api'],
      {},
      { GITHUB_SERVER_URL: gitServer.url, GIT_HTTP_LOW_SPEED_TIME: '2' },
      30_000
    )
  }, 60_000)

  afterAll(async () => {
    await gitServer.close()
    cleanup(stalled)
    rmSync(work, { recursive: true, force: true })
  })

  it("fails that repository with git's reason once the transfer stays too slow, and scans the next", () => {
    const written = (name: string) => JSON.parse(readFileSync(path.join(work, 'results', name), 'utf8'))
    expect(stalled.exitCode).toBe(0)
    expect(written('001-0001.result.json')).toMatchObject({
      repository: 'acme/stalled',
      leakCount: null,
      error: expect.stringMatching(/^git clone failed: .*too slow/i)
    })
    expect(written('001-0002.result.json')).toMatchObject({
      repository: 'acme/api',
      leakCount: 2,
      error: null
    })
    expect(stalled.stdout).toMatch(/^acme\/stalled: not scanned: git clone failed: .*too slow/im)
    const files = readdirSync(path.join(work, 'results')).map(name => path.join(work, 'results', name))
    expect(everyChannel(stalled, files)).not.toContain(TOKEN)
  })
})
