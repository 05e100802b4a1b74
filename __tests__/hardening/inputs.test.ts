/**
 * Bad inputs through the built action: each fails the step at once with one error that names the input and
 * the values it accepts, sends nothing, crashes nowhere and echoes no key. An unreadable event payload is
 * not an input error: the key is still checked and the scan is reported as not done, with the reason.
 */
import { describe, expect, it } from '@jest/globals'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { actionSession } from '../helpers/action-session.js'
import { makeKey } from '../helpers/keys.js'
import { type ActionRun, type RunOptions } from '../helpers/runner-harness.js'
import { expectNoKey } from '../helpers/no-key.js'
import { expectCleanEnd, readable } from './support.js'

const KEY = makeKey('project', 301)
const session = actionSession({ validKeys: [KEY] })

async function doctor(inputs: Record<string, string>, options: RunOptions = {}): Promise<ActionRun> {
  const run = await session.run({
    timeoutMs: 30_000,
    ...options,
    inputs: { 'api-key': KEY, 'base-url': session.fake.baseUrl, scan: 'none', timeout: '2', ...inputs }
  })
  expectCleanEnd(run)
  expectNoKey(run, KEY)
  return run
}

/** One error annotation with the message, exit 1, no request sent, no outputs, and the summary says it too. */
async function expectInputError(inputs: Record<string, string>, message: RegExp): Promise<ActionRun> {
  const run = await doctor(inputs)
  expect(run.exitCode).toBe(1)
  const errors = run.annotations.filter(annotation => annotation.level === 'error')
  expect(errors).toHaveLength(1)
  expect(errors[0].message).toMatch(message)
  expect(session.fake.requests).toHaveLength(0)
  expect(run.outputs).toEqual({})
  expect(readable(run.summary)).toMatch(message)
  return run
}

describe('a bad input fails the step with the input name and its allowed values', () => {
  it('an unknown scan value', async () => {
    await expectInputError(
      { scan: 'everything' },
      /Input 'scan' must be one of changed, all, history, none; got "everything"/
    )
  })

  it('an unknown fail-on value', async () => {
    await expectInputError(
      { 'fail-on': 'key, leaks' },
      /Input 'fail-on' accepts a comma separated list of key, leak, live-leak, quota, unreachable, none; unknown: "leaks"/
    )
  })

  it('fail-on none combined with another value', async () => {
    await expectInputError(
      { 'fail-on': 'none,key' },
      /Input 'fail-on' cannot combine 'none' with other values; use 'none' alone, or any of key, leak, live-leak, quota, unreachable/
    )
  })

  it('a base-url that is not a URL', async () => {
    await expectInputError(
      { 'base-url': 'api.openai.com/v1' },
      /Input 'base-url' must be an http\(s\) URL such as https:\/\/api\.openai\.com\/v1; got "api\.openai\.com\/v1"/
    )
  })

  it('a base-url with another scheme', async () => {
    await expectInputError(
      { 'base-url': 'ftp://api.openai.com/v1' },
      /Input 'base-url' must use https:\/\/ \(or http:\/\/ for a local gateway\); got "ftp:\/\/api\.openai\.com"/
    )
  })

  it('a non-numeric timeout', async () => {
    await expectInputError(
      { timeout: 'ten' },
      /Input 'timeout' must be a number of seconds above 0 and at most 300; got "ten"/
    )
  })

  it('never echoes a key pasted into the wrong input', async () => {
    const other = makeKey('service-account', 302)
    const run = await expectInputError({ timeout: other }, /Input 'timeout' must be a number of seconds/)
    expectNoKey(run, other)
  })
})

describe('an unreadable event payload', () => {
  it('invalid JSON: says so, still checks the key, and reports the scan as not done', async () => {
    const run = await doctor(
      { scan: 'changed' },
      { eventName: 'pull_request', rawEvent: '{"pull_request": {' }
    )
    expect(run.outputs).toMatchObject({ 'key-status': 'valid', cause: 'none', leaks: '0' })
    expect(session.fake.requestsTo('/v1/models')).toHaveLength(1)
    const summary = readable(run.summary)
    expect(summary).toContain('the event payload at GITHUB_EVENT_PATH is not valid JSON')
    expect(summary).toMatch(
      /is not valid JSON, so the commits to scan are unknown\. \*\*Fix:\*\* the runner writes this file/
    )
    expect(summary).toContain('The requested range was NOT fully scanned')
    expect(summary).not.toContain('Committed keys: none found\n')
    expect(
      run.annotations.some(
        annotation =>
          annotation.level === 'warning' &&
          /event payload at GITHUB_EVENT_PATH is not valid JSON/.test(annotation.message)
      )
    ).toBe(true)
  })

  it('a payload that cannot be read at all: the same, with the reason', async () => {
    const run = await doctor(
      { scan: 'changed' },
      { eventName: 'push', env: { GITHUB_EVENT_PATH: '/nonexistent/okd/event.json' } }
    )
    expect(run.outputs).toMatchObject({ 'key-status': 'valid', leaks: '0' })
    const summary = readable(run.summary)
    expect(summary).toContain('the event payload at GITHUB_EVENT_PATH could not be read')
    expect(summary).toContain('The requested range was NOT fully scanned')
  })
})

describe('a sarif-file that cannot be written', () => {
  it('fails the step saying so, and still reports the key and sets the outputs', async () => {
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'okd-sarif-'))
    fs.writeFileSync(path.join(workspace, 'reports'), 'a file, not a directory\n')
    try {
      const run = await doctor({ 'sarif-file': 'reports/okd.sarif' }, { workspace })
      expect(run.exitCode).toBe(1)
      expect(run.outputs).toMatchObject({ 'key-status': 'valid', 'sarif-file': '' })
      const errors = run.annotations.filter(annotation => annotation.level === 'error')
      expect(errors).toHaveLength(1)
      expect(errors[0].message).toMatch(
        /Could not write the SARIF report to sarif-file "reports\/okd\.sarif": .*reports\/okd\.sarif cannot be written: .*reports is not a directory/
      )
      expect(readable(run.summary)).toMatch(/This step fails\.\*\* Could not write the SARIF report/)
    } finally {
      fs.rmSync(workspace, { recursive: true, force: true })
    }
  })
})
