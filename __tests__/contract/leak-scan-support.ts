/**
 * Shared by the leak-scan contract tests: real repositories shaped like GitHub events, the built action run
 * against them with a runner's environment, and the assertions every run must pass (no key anywhere).
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { expect } from '@jest/globals'
import type { FakeOpenAI } from '../helpers/fake-openai.js'
import type { FileContent, GitFixture, ImportedCommit } from '../helpers/git-fixtures.js'
import type { ActionSession } from '../helpers/action-session.js'
import { expectNoKeyIn } from '../helpers/no-key.js'
import { everyChannel, type ActionRun, type Annotation, type RunOptions } from '../helpers/runner-harness.js'

/** Runs the built action's leak scan with the configured key against the fake API: fail on leaks, no verification. */
export function leakScan(session: ActionSession, configuredKey: string) {
  return (inputs: Record<string, string>, options: RunOptions): Promise<ActionRun> =>
    session.run({
      ...options,
      inputs: {
        'api-key': configuredKey,
        'base-url': session.fake.baseUrl,
        'verify-leaks': 'false',
        'fail-on': 'leak',
        ...inputs
      }
    })
}

export const ZERO_SHA = '0'.repeat(40)
export const REPOSITORY = { full_name: 'octo/app', default_branch: 'main' }

/** The fingerprint the summary and SARIF show, computed independently of the scanner. */
export function fingerprintOf(detectorId: string, secret: string): string {
  return `${detectorId}:${createHash('sha256').update(secret).digest('hex').slice(0, 16)}`
}

/** The redaction the product promises: the first 8 and the last 4 characters. */
export function redacted(key: string): string {
  return `${key.slice(0, 8)}…${key.slice(-4)}`
}

export interface PullRequest {
  /** The PR's commits, oldest first. */
  prShas: string[]
  base: string
  head: string
  /** refs/pull/N/merge, what actions/checkout checks out. */
  merge: string
  checkout: string
  event: Record<string, unknown>
}

/**
 * main (`baseFiles` at the fork point) and a feature branch, pushed like GitHub does for a pull request
 * (refs/pull/1/head and the test merge commit refs/pull/1/merge), checked out at depth 1 by the merge commit, as
 * actions/checkout does. The branch is `commits` (fast-import), or what `build` commits in the working clone
 * (checked out on `feature`; it returns the SHAs).
 */
export function pullRequest(
  fx: GitFixture,
  commits: ImportedCommit[] | ((fx: GitFixture) => string[]),
  baseFiles: Record<string, FileContent> = { 'README.md': 'demo\n' }
): PullRequest {
  const base = fx.commit(baseFiles, 'base')
  fx.push('main')
  let prShas: string[]
  if (typeof commits === 'function') {
    fx.git(fx.work, ['checkout', '--quiet', '-B', 'feature'])
    prShas = commits(fx)
  } else {
    prShas = fx.importCommits('feature', base, commits)
  }
  fx.push('feature')
  fx.git(fx.work, ['checkout', '--quiet', '--force', '-B', 'merge', 'main'])
  fx.git(fx.work, ['merge', '--quiet', '--no-ff', '-m', 'Merge feature into main', 'feature'])
  const merge = fx.head()
  fx.push('HEAD:refs/pull/1/merge')
  fx.push('feature:refs/pull/1/head')
  fx.git(fx.work, ['checkout', '--quiet', '--force', 'main'])
  const head = prShas.at(-1) as string
  return {
    prShas,
    base,
    head,
    merge,
    checkout: fx.actionsCheckout('refs/pull/1/merge'),
    event: pullEvent(base, head, prShas.length)
  }
}

export function pullEvent(base: string, head: string, commits: number): Record<string, unknown> {
  return {
    action: 'synchronize',
    number: 1,
    repository: REPOSITORY,
    pull_request: {
      number: 1,
      commits,
      base: { sha: base, ref: 'main', repo: { full_name: REPOSITORY.full_name } },
      head: { sha: head, ref: 'feature', repo: { full_name: REPOSITORY.full_name } }
    }
  }
}

/** `count` commits that each touch a file of their own, with `extra` merged into chosen commits (0-based). */
export function fillerCommits(
  count: number,
  extra: Record<number, Record<string, string>> = {}
): ImportedCommit[] {
  return Array.from({ length: count }, (_, index) => ({
    message: `step ${index + 1}`,
    files: { [`notes/step-${index + 1}.md`]: `step ${index + 1}\n`, ...extra[index] }
  }))
}

/** The job summary as a reader sees it: markdown's backslash escapes removed. */
export function summaryText(run: ActionRun): string {
  return run.summary.replace(/\\(.)/g, '$1')
}

export function annotationsAt(run: ActionRun, level: Annotation['level']): Annotation[] {
  return run.annotations.filter(annotation => annotation.level === level)
}

/** Leak annotations carry a file; the step's own messages (setFailed, notes) do not. */
export function leakAnnotations(run: ActionRun): Annotation[] {
  return run.annotations.filter(annotation => annotation.properties.file !== undefined)
}

/** The annotation of a leak exactly where the key sits: file, line, 1-based inclusive columns. */
export function expectAnnotationAt(
  run: ActionRun,
  where: { file: string; line: number; col: number; key: string; level?: Annotation['level'] }
): Annotation {
  const found = leakAnnotations(run).filter(
    annotation =>
      annotation.properties.file === where.file && annotation.properties.line === String(where.line)
  )
  expect(found).toHaveLength(1)
  expect(found[0].level).toBe(where.level ?? 'error')
  expect(found[0].properties).toMatchObject({
    file: where.file,
    line: String(where.line),
    endLine: String(where.line),
    col: String(where.col),
    endColumn: String(where.col + where.key.length - 1)
  })
  return found[0]
}

/** 1-based column of `key` in `text`'s line that holds it. */
export function columnOf(line: string, key: string): number {
  const index = line.indexOf(key)
  if (index === -1) throw new Error('key not on the line')
  return index + 1
}

/** No key (whole, base64, or more than 12 characters of it) in stdout, stderr, outputs, summary or the given files. */
export function expectNoKeys(run: ActionRun, keys: readonly string[], files: string[] = []): void {
  expectNoKeyIn(everyChannel(run, files), 'a channel of the run', ...keys)
}

/** Every found key is registered with the runner's masker before it could be printed. */
export function expectMasked(run: ActionRun, keys: readonly string[]): void {
  for (const key of keys) expect(run.masks).toContain(key)
}

export interface SarifView {
  file: string
  log: {
    version: string
    $schema: string
    runs: Array<{
      tool: { driver: { name: string; rules: Array<{ id: string }> } }
      results: Array<{
        ruleId: string
        level: string
        partialFingerprints: Record<string, string>
        locations: Array<{
          physicalLocation: {
            artifactLocation: { uri: string }
            region: { startLine: number; startColumn?: number; endColumn?: number; snippet: { text: string } }
          }
        }>
        properties: { commit: string | null; liveness: string; fingerprint: string }
      }>
    }>
  }
}

export function readSarif(run: ActionRun): SarifView {
  const file = run.outputs['sarif-file']
  expect(file).toBeTruthy()
  expect(path.isAbsolute(file)).toBe(true)
  return { file, log: JSON.parse(readFileSync(file, 'utf8')) as SarifView['log'] }
}

/**
 * A loopback front for fake-openai that never answers requests carrying `hangingKey` (a key whose check
 * cannot finish) and passes every other request through; it records the keys it held.
 */
export async function startHangingFront(
  target: FakeOpenAI,
  hangingKey: string
): Promise<{ baseUrl: string; held: string[]; close(): Promise<void> }> {
  const held: string[] = []
  const server = http.createServer((request, response) => {
    const authorization = request.headers.authorization ?? ''
    if (authorization === `Bearer ${hangingKey}`) {
      held.push(hangingKey)
      request.resume()
      return
    }
    const upstream = http.request(
      `${target.origin}${request.url ?? '/'}`,
      { method: request.method, headers: request.headers },
      answer => {
        response.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(response)
      }
    )
    upstream.on('error', () => response.destroy())
    request.pipe(upstream)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    held,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>(resolve => server.close(() => resolve()))
    }
  }
}

/** The Bearer values fake-openai received. Keys: compare, never print. */
export function keysSentTo(fake: FakeOpenAI): Set<string> {
  return new Set(
    fake.requests.map(request => String(request.headers.authorization ?? '').replace(/^Bearer /, ''))
  )
}
