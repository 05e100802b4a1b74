/**
 * A key in a file name is itself a committed key (issue 13): through the built action and CLI, in every scan
 * mode (a pull request's range, the tree, the staged changes, the whole history, a CLI range), a file named
 * after a key is a finding on that file, with no line, its path shown redacted, counted in `leaks` and failing
 * `fail-on: leak`; no channel holds the key.
 *
 * The pull request: one commit adds `config/<K1>.env` and an empty `keys/<K3>` (no hunk at all), the next
 * renames `config/<K1>.env` away and `docs/plain.md` to `docs/<K2>.md` (pure renames, no line changes).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { redact } from '../../src/core/redact.js'
import { actionSession } from '../helpers/action-session.js'
import type { GitFixture } from '../helpers/git-fixtures.js'
import { makeKey } from '../helpers/keys.js'
import { expectNoKeyIn } from '../helpers/no-key.js'
import { cleanup, CLI_ENTRY, everyChannel, runAction, type ActionRun } from '../helpers/runner-harness.js'
import { leakAnnotations, leakScan, pullRequest, readSarif, summaryText } from './leak-scan-support.js'

const CONFIGURED_KEY = makeKey('project', 1501)
const K1 = makeKey('project', 1502)
const K2 = makeKey('service-account', 1503)
const K3 = makeKey('admin', 1504)
const KEYS = [K1, K2, K3, CONFIGURED_KEY]
const session = actionSession({ validKeys: [CONFIGURED_KEY] })
const scan = leakScan(session, CONFIGURED_KEY)

const shown = {
  k1: `config/${redact(K1)}.env`,
  k2: `docs/${redact(K2)}.md`,
  k3: `keys/${redact(K3)}`
}

function keyNamedCommits(fx: GitFixture): string[] {
  const add = fx.commit({ [`config/${K1}.env`]: 'LOG_LEVEL=debug\n', [`keys/${K3}`]: '' }, 'add config')
  fx.git(fx.work, ['mv', `config/${K1}.env`, 'config/app.env'])
  fx.git(fx.work, ['mv', 'docs/plain.md', `docs/${K2}.md`])
  const rename = fx.commit({}, 'rename files')
  return [add, rename]
}

const BASE_FILES = { 'README.md': 'demo\n', 'docs/plain.md': 'A plain page of documentation.\n' }

function expectNoKey(run: ActionRun, files: string[] = []): void {
  expectNoKeyIn(everyChannel(run, files), 'a channel of the run', ...KEYS)
}

describe('a key in a file name is a finding', () => {
  it('in a pull request (scan: changed): on the file, redacted, removed names too, counted and failing', async () => {
    const fx = session.fixture()
    const pr = pullRequest(fx, keyNamedCommits, BASE_FILES)
    const run = await scan(
      { 'sarif-file': 'okd.sarif' },
      { eventName: 'pull_request', event: pr.event, workspace: pr.checkout, env: { GITHUB_SHA: pr.merge } }
    )
    expect(run.exitCode).toBe(1)
    expect(run.outputs.leaks).toBe('3')
    const annotations = leakAnnotations(run)
    for (const file of Object.values(shown)) {
      const annotation = annotations.find(a => a.properties.file === file)
      expect(annotation).toBeDefined()
      // A file-level annotation: the name holds the key, no line does.
      expect(annotation?.properties.line).toBeUndefined()
      expect(annotation?.message).toMatch(/file name/)
    }
    expect(annotations.find(a => a.properties.file === shown.k1)?.message).toMatch(/removed by commit/)
    const sarif = readSarif(run)
    const results = sarif.log.runs[0].results
    expect(results).toHaveLength(3)
    for (const result of results) {
      expect(result.locations[0].physicalLocation.region).toBeUndefined()
      expect(Object.values(shown)).toContain(
        decodeURIComponent(result.locations[0].physicalLocation.artifactLocation.uri)
      )
    }
    const summary = summaryText(run)
    for (const file of Object.values(shown)) expect(summary).toContain(file)
    expectNoKey(run, [sarif.file])
  })

  it('in the tree (scan: all): every name at HEAD, whether or not the file is read', async () => {
    const fx = session.fixture()
    const pr = pullRequest(fx, keyNamedCommits, BASE_FILES)
    const run = await scan({ scan: 'all' }, { eventName: 'workflow_dispatch', workspace: pr.checkout })
    expect(run.exitCode).toBe(1)
    expect(run.outputs.leaks).toBe('2')
    const files = leakAnnotations(run).map(a => a.properties.file)
    expect(files).toEqual(expect.arrayContaining([shown.k2, shown.k3]))
    expectNoKey(run)
  })

  it('in the CLI: tree, staged, history and range, as text and JSON', async () => {
    const fx = session.fixture()
    fx.commit(BASE_FILES, 'base')
    const [, rename] = keyNamedCommits(fx)
    const STAGED_KEY = makeKey('project', 1505)
    const staged = `staged/${STAGED_KEY}.txt`
    const cases: Array<{ args: string[]; expected: string[]; stage?: boolean }> = [
      { args: ['--all'], expected: [shown.k2, shown.k3] },
      { args: ['--history'], expected: [shown.k1, shown.k2, shown.k3] },
      { args: ['--range', `${rename}~2..${rename}`], expected: [shown.k1, shown.k2, shown.k3] },
      { args: ['--staged'], expected: [`staged/${redact(STAGED_KEY)}.txt`], stage: true }
    ]
    for (const { args, expected, stage } of cases) {
      if (stage) {
        mkdirSync(path.join(fx.work, 'staged'))
        writeFileSync(path.join(fx.work, staged), 'nothing secret\n')
        fx.git(fx.work, ['add', staged])
      }
      for (const json of [false, true]) {
        const run = await runAction({
          entry: CLI_ENTRY,
          args: [...args, '--no-liveness', ...(json ? ['--json'] : [])],
          workspace: fx.work
        })
        try {
          expect({ args, json, exitCode: run.exitCode }).toEqual({ args, json, exitCode: 1 })
          if (json) {
            const leaks = (JSON.parse(run.stdout) as { leaks: Array<Record<string, unknown>> }).leaks
            expect(leaks.map(leak => leak.path).sort()).toEqual([...expected].sort())
            for (const leak of leaks) expect(leak).toMatchObject({ inFileName: true, line: 0 })
          } else {
            for (const file of expected) expect(run.stdout).toContain(`${file} (file name)`)
          }
          expectNoKeyIn(everyChannel(run), `CLI ${args.join(' ')}`, ...KEYS, STAGED_KEY)
        } finally {
          cleanup(run)
        }
      }
    }
  })
})
