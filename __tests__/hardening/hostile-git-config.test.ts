/**
 * A checkout whose `.git/config` was changed before the action ran (an artifact or cache extracted over the
 * workspace, an earlier step): `scan: history` from a depth-1 checkout fetches the missing history from origin,
 * and that fetch must not run the programs such a configuration names (an upload-pack command for a local or
 * ssh origin, the `ext::` transport behind a URL rewrite, credential helpers and askpass programs when origin
 * asks for credentials). The history is still fetched and scanned where origin allows it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { GitFixture } from '../helpers/git-fixtures.js'
import { makeKey } from '../helpers/keys.js'
import { expectNoKey } from '../helpers/no-key.js'
import { cleanup, runAction, type ActionRun } from '../helpers/runner-harness.js'
import { expectCleanEnd, readable } from './support.js'

const KEY = makeKey('project', 960)
let fx: GitFixture
let marks: string
let head: string
const runs: ActionRun[] = []
/** An origin that wants credentials for everything. */
let locked: Server
let lockedUrl: string

beforeAll(async () => {
  locked = createServer((_request, response) => {
    response.writeHead(401, { 'www-authenticate': 'Basic realm="git"' }).end()
  })
  await new Promise<void>(resolve => locked.listen(0, '127.0.0.1', resolve))
  lockedUrl = `http://127.0.0.1:${(locked.address() as AddressInfo).port}/octo/app.git`
  fx = new GitFixture()
  marks = mkdtempSync(path.join(tmpdir(), 'okd-git-config-marks-'))
  fx.commit({ 'README.md': 'root\n' }, 'root')
  fx.commit({ 'config/dev.env': `OPENAI_API_KEY=${KEY}\n` }, 'dev settings')
  head = fx.commit({ 'config/dev.env': 'OPENAI_API_KEY=\n' }, 'use secrets')
  fx.push('main')
})
afterAll(async () => {
  locked?.closeAllConnections()
  if (locked) await new Promise<void>(resolve => locked.close(() => resolve()))
  runs.forEach(cleanup)
  fx?.cleanup()
  if (marks) rmSync(marks, { recursive: true, force: true })
})

/** A depth-1 checkout with `settings` added to its .git/config. */
function tamperedCheckout(settings: Array<[string, string]>): string {
  const checkout = fx.actionsCheckout(head)
  for (const [name, value] of settings) fx.git(checkout, ['config', name, value])
  return checkout
}

async function historyScan(workspace: string): Promise<ActionRun> {
  const run = await runAction({
    eventName: 'workflow_dispatch',
    event: { repository: { full_name: 'octo/app' } },
    workspace,
    timeoutMs: 30_000,
    inputs: { scan: 'history', liveness: 'false', 'fail-on': 'none', 'github-token': 'ghs_tampered' }
  })
  runs.push(run)
  expectCleanEnd(run)
  expectNoKey(run, KEY)
  return run
}

describe('scan: history from a checkout whose .git/config was tampered with', () => {
  it('does not run a configured upload-pack program, and still fetches and scans the history', async () => {
    const mark = path.join(marks, 'upload-pack-ran')
    const checkout = tamperedCheckout([
      ['remote.origin.uploadpack', `sh -c 'touch ${mark}; exec git-upload-pack "$@"' --`]
    ])
    const run = await historyScan(checkout)
    expect(existsSync(mark)).toBe(false)
    expect(run.outputs.leaks).toBe('1')
    expect(run.stdout).toMatch(/History: fetched 2 commits of history/)
  })

  it('does not run the ext:: transport a URL rewrite points origin at, and says the history was not fetched', async () => {
    const mark = path.join(marks, 'ext-ran')
    const checkout = tamperedCheckout([
      ['protocol.ext.allow', 'always'],
      [`url.ext::sh -c touch% ${mark}.insteadOf`, fx.originUrl]
    ])
    const run = await historyScan(checkout)
    expect(existsSync(mark)).toBe(false)
    expect(readable(run.summary)).toMatch(/history before the shallow boundary of [0-9a-f]{7}/)
    expect(readable(run.summary)).toMatch(/transport 'ext' not allowed/)
  })

  it('does not run a configured credential helper or askpass program when origin asks for credentials', async () => {
    const helperMark = path.join(marks, 'credential-helper-ran')
    const askpass = path.join(marks, 'askpass.sh')
    const askpassMark = path.join(marks, 'askpass-ran')
    writeFileSync(askpass, `#!/bin/sh\ntouch ${askpassMark}\necho x\n`)
    chmodSync(askpass, 0o755)
    const checkout = tamperedCheckout([
      ['remote.origin.url', lockedUrl],
      ['credential.helper', `!touch ${helperMark}; false`],
      ['core.askPass', askpass]
    ])
    const run = await historyScan(checkout)
    expect([existsSync(helperMark), existsSync(askpassMark)]).toEqual([false, false])
    expect(readable(run.summary)).toMatch(/history before the shallow boundary of [0-9a-f]{7}/)
  })
})
