/**
 * The job summary of a failing pull request as a reviewer reads it: the built action on a pull request that
 * commits many keys (some live), its summary rendered to HTML as GitHub renders markdown, and what comes first.
 * `OKD_SUMMARY_DIR=dir` also writes the markdown and the HTML there, for a look in a browser
 * (script/screenshot-summary.mjs takes a 1,000 px screenshot of it).
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { marked } from 'marked'
import { actionSession } from '../helpers/action-session.js'
import { anthropicKey, HEX, makeKey, randomText, type KeyKind } from '../helpers/keys.js'
import type { ActionRun } from '../helpers/runner-harness.js'
import { expectNoKeys, pullRequest, type PullRequest } from './leak-scan-support.js'

const CONFIGURED_KEY = makeKey('project', 900)
const KINDS: KeyKind[] = ['project', 'legacy', 'service-account', 'admin', 'project-58', 'none']
/** 9 live keys, 120 dead OpenAI keys, and 8 keys of other providers: 137 findings. */
const LIVE = Array.from({ length: 9 }, (_, index) => makeKey('project', 910 + index))
const DEAD = Array.from({ length: 120 }, (_, index) => makeKey(KINDS[index % KINDS.length], 1000 + index))
const OTHER = [
  ...Array.from({ length: 4 }, (_, index) => anthropicKey(2000 + index)),
  ...Array.from({ length: 4 }, (_, index) => `sk-${randomText(32, HEX, 2100 + index)}`)
]
const ALL_KEYS = [CONFIGURED_KEY, ...LIVE, ...DEAD, ...OTHER]

const DIRECTORIES = [
  'services/payments/config',
  'apps/web/src/lib',
  'infra/helm/values',
  'scripts/dev',
  'packages/sdk/test/fixtures'
]

const session = actionSession({ validKeys: [CONFIGURED_KEY, ...LIVE] })

/** Six commits; each key on a line of its own, a few per file. */
function manyKeysPullRequest(): PullRequest {
  const keys = [...DEAD.slice(0, 60), ...LIVE, ...OTHER, ...DEAD.slice(60)]
  const commits = Array.from({ length: 6 }, (_, commit) => ({
    message: `step ${commit + 1}`,
    files: {} as Record<string, string>
  }))
  keys.forEach((key, index) => {
    const file = `${DIRECTORIES[index % DIRECTORIES.length]}/settings-${Math.floor(index / 10)}.env`
    const commit = commits[Math.floor(index / 25) % commits.length]
    commit.files[file] = `${commit.files[file] ?? ''}# service ${index}\nAPI_KEY_${index}=${key}\n`
  })
  return pullRequest(session.fixture(), commits)
}

describe('the summary of a pull request that commits many keys', () => {
  let run: ActionRun
  let html: string

  beforeAll(async () => {
    const pull = manyKeysPullRequest()
    run = await session.run({
      eventName: 'pull_request',
      event: pull.event,
      workspace: pull.checkout,
      env: { GITHUB_SHA: pull.merge, GITHUB_REPOSITORY: 'octo/app', GITHUB_RUN_ID: '42' },
      inputs: { 'api-key': CONFIGURED_KEY, 'base-url': session.fake.baseUrl }
    })
    html = await marked.parse(run.summary, { gfm: true })
    const out = process.env.OKD_SUMMARY_DIR
    if (out) {
      mkdirSync(out, { recursive: true })
      writeFileSync(path.join(out, 'summary.md'), run.summary)
      writeFileSync(path.join(out, 'summary.html'), html)
    }
  }, 120_000)

  it('puts what fails the step first: the verdict, then the live keys, before the key that is fine', () => {
    const order = [
      /<p><strong>❌ This step fails\.<\/strong> fail-on leak: committed keys found<\/p>/,
      /<h3>🔴 Committed keys: 137 found<\/h3>/,
      /<strong>🔴 9 live: revoke these first<\/strong>/,
      /<table>/,
      /<details><summary>8 not verified/,
      /<details><summary>⚫ 120 dead/,
      /<h3>✅ Key: <code>valid<\/code>/,
      /<details><summary>If your app still gets a 401 with this key: the 10 common causes<\/summary>/,
      /<h3>What was scanned<\/h3>/
    ].map(pattern => html.search(pattern))
    expect(order.every(index => index >= 0)).toBe(true)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
    // Nothing but the verdict between the title and the leaks.
    expect(html.slice(0, order[1]).match(/<(p|h\d|ul|table|details)\b/g)).toEqual(
      ['h2', 'p'].map(tag => `<${tag}`)
    )
  })

  it('lists the live keys in a table whose every column tells rows apart, each key with its file and line', () => {
    const liveTable = html.slice(html.indexOf('<table>'), html.indexOf('</table>'))
    const rows = [...liveTable.matchAll(/<tr>([\s\S]*?)<\/tr>/g)]
      .slice(1)
      .map(row => [...row[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map(cell => cell[1]))
    expect(rows).toHaveLength(9)
    for (const column of rows[0].keys()) expect(new Set(rows.map(cells => cells[column])).size).toBe(9)
    expect(rows.every(cells => /<code>sk-proj-…\S{4}<\/code>/.test(cells[0]))).toBe(true)
    expect(rows.every(cells => /\.env:\d+<\/code><\/a>$/.test(cells[1]))).toBe(true)
  })

  it('titles the failure annotation with what failed', () => {
    const failure = run.annotations.find(
      annotation => annotation.level === 'error' && !annotation.properties.file
    )
    expect(failure?.properties.title).toBe('137 committed keys found, 9 live')
    expect(failure?.message).toMatch(/^fail-on leak: committed keys found\. See the job summary/)
  })

  it('fails, and says no key in full anywhere', () => {
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ leaks: '137', 'live-leaks': '9' })
    expectNoKeys(run, ALL_KEYS)
  })
})
