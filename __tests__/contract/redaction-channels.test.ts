/**
 * Contract tests of redaction through the built action and CLI: a key can reach a channel by other ways than a
 * scanned line. A committed file named after a key, a pushed branch named after one, a hostile `base-url` that
 * echoes the configured key as its request id and in its error body, a gateway key pasted into `base-url`. Every
 * channel (stdout with its workflow commands, stderr, GITHUB_OUTPUT, the job summary, SARIF, CLI text and JSON)
 * must hold none of them: not raw, not URL-encoded, not markdown-escaped, not 13 characters of one.
 */
import { describe, expect, it } from '@jest/globals'
import { redact } from '../../src/core/redact.js'
import { actionSession } from '../helpers/action-session.js'
import { respond } from '../helpers/fake-openai.js'
import { ALNUM, makeKey, randomText } from '../helpers/keys.js'
import { cleanup, CLI_ENTRY, everyChannel, runAction, type ActionRun } from '../helpers/runner-harness.js'
import { expectNoKeyIn } from '../helpers/no-key.js'
import { leakScan, pullRequest, readSarif } from './leak-scan-support.js'

const CONFIGURED_KEY = makeKey('project', 1401)
const session = actionSession({ validKeys: [CONFIGURED_KEY] })
const scan = leakScan(session, CONFIGURED_KEY)

function expectNoSecret(run: ActionRun, keys: readonly string[], files: string[] = []): void {
  expectNoKeyIn(everyChannel(run, files), 'a channel of the run', ...keys)
}

describe('a key in a committed file name', () => {
  const NAME_KEY = makeKey('project', 1402)
  const CONTENT_KEY = makeKey('service-account', 1403)
  const file = `config/${NAME_KEY}.env`

  it('is shown redacted in annotations, summary and SARIF, and the file is still located', async () => {
    const fx = session.fixture()
    const pr = pullRequest(fx, [{ files: { [file]: `OPENAI_API_KEY=${CONTENT_KEY}\n` } }])
    const run = await scan(
      { 'sarif-file': 'okd.sarif' },
      { eventName: 'pull_request', event: pr.event, workspace: pr.checkout, env: { GITHUB_SHA: pr.merge } }
    )
    expect(run.exitCode).toBe(1)
    const shownPath = `config/${redact(NAME_KEY)}.env`
    const annotation = run.annotations.find(a => a.properties.file === shownPath && a.properties.line === '1')
    expect(annotation).toBeDefined()
    const sarif = readSarif(run)
    const uris = sarif.log.runs[0].results.map(r => r.locations[0].physicalLocation.artifactLocation.uri)
    expect(uris.some(uri => decodeURIComponent(uri) === shownPath)).toBe(true)
    expect(run.summary).toContain(redact(NAME_KEY).slice(-4))
    expectNoSecret(run, [NAME_KEY, CONTENT_KEY, CONFIGURED_KEY], [sarif.file])
  })

  it('is shown redacted by the CLI, as text and as JSON', async () => {
    const fx = session.fixture()
    fx.commit({ [file]: `OPENAI_API_KEY=${CONTENT_KEY}\n` }, 'a key named file')
    for (const args of [
      ['--all', '--no-liveness'],
      ['--all', '--no-liveness', '--json']
    ]) {
      const run = await runAction({ entry: CLI_ENTRY, args, workspace: fx.work })
      try {
        expect(run.exitCode).toBe(1)
        expect(run.stdout).toContain(`config/${redact(NAME_KEY)}.env`)
        expectNoSecret(run, [NAME_KEY, CONTENT_KEY])
      } finally {
        cleanup(run)
      }
    }
  })
})

describe('a key used as a pushed branch name', () => {
  it('is shown redacted on the summary’s range line and in the log', async () => {
    const BRANCH_KEY = makeKey('project', 1404)
    const fx = session.fixture()
    const before = fx.commit({ 'README.md': 'v1\n' }, 'base')
    fx.push('main')
    fx.git(fx.work, ['checkout', '--quiet', '-b', BRANCH_KEY])
    const after = fx.commit({ 'README.md': 'v2\n' }, 'docs')
    fx.push(BRANCH_KEY)
    const checkout = fx.actionsCheckout(`refs/heads/${BRANCH_KEY}`)
    const event = {
      ref: `refs/heads/${BRANCH_KEY}`,
      before,
      after,
      created: false,
      deleted: false,
      forced: false,
      commits: [{ id: after, distinct: true }],
      head_commit: { id: after },
      repository: { full_name: 'octo/app', default_branch: 'main' }
    }
    const run = await scan(
      {},
      {
        eventName: 'push',
        event,
        workspace: checkout,
        env: { GITHUB_SHA: after, GITHUB_REF: `refs/heads/${BRANCH_KEY}` }
      }
    )
    expect(run.exitCode).toBe(0)
    expect(run.summary.replace(/\\(.)/g, '$1')).toContain(`push refs/heads/${redact(BRANCH_KEY)}`)
    expectNoSecret(run, [BRANCH_KEY, CONFIGURED_KEY])
  })
})

describe('a hostile base-url that echoes the configured key', () => {
  // Keys short enough to pass as a request id ([\w.:-]{1,128}): a legacy key, and a gateway key that is no sk- key.
  const ECHOED = [makeKey('legacy', 1405), `gwlive_${randomText(48, ALNUM, 1406)}`]

  it.each(ECHOED.map(key => [key.startsWith('sk-') ? 'an sk- key' : 'a gateway key', key]))(
    '%s as x-request-id and in the error body: redacted in every channel',
    async (_, key) => {
      session.fake.script(
        '/v1/models',
        respond.with({
          status: 500,
          requestId: key,
          body: { error: { message: `upstream rejected ${key} (${encodeURIComponent(key)})`, code: key } }
        })
      )
      const run = await session.run({
        inputs: { 'api-key': key, 'base-url': session.fake.baseUrl, scan: 'none', 'fail-on': 'key' }
      })
      expect(session.fake.requestsTo('/v1/models').length).toBeGreaterThan(0)
      expect(run.summary).toMatch(/Request id/)
      expect(run.summary).toContain(redact(key))
      expectNoSecret(run, [key])
    }
  )
})

describe('a gateway key pasted into base-url', () => {
  const GATEWAY_KEY = `gw_${randomText(40, ALNUM, 1407)}-live`

  it('is never echoed by the action: the input error shows it redacted', async () => {
    const run = await session.run({ inputs: { 'api-key': CONFIGURED_KEY, 'base-url': GATEWAY_KEY } })
    expect(run.exitCode).toBe(1)
    expect(run.summary.replace(/\\(.)/g, '$1')).toMatch(/Input 'base-url' must be an http/)
    expect(everyChannel(run)).toContain(`${redact(GATEWAY_KEY)}`)
    expectNoSecret(run, [GATEWAY_KEY, CONFIGURED_KEY])
  })

  it('nor by the CLI', async () => {
    const fx = session.fixture()
    fx.commit({ 'README.md': 'x\n' })
    const run = await runAction({
      entry: CLI_ENTRY,
      args: ['--base-url', GATEWAY_KEY],
      workspace: fx.work,
      env: { OPENAI_API_KEY: CONFIGURED_KEY }
    })
    try {
      expect(run.exitCode).toBe(2)
      expect(run.stderr).toMatch(/base-url/)
      expectNoSecret(run, [GATEWAY_KEY, CONFIGURED_KEY])
    } finally {
      cleanup(run)
    }
  })
})
