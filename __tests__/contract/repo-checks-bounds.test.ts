/**
 * The repository checks run on every fork pull request (no key there) and whenever a key fails, over files a
 * pull request wrote (issue 13): their work is bounded by the pull request's size, not its malice. Through the
 * built action, with a key the loopback API rejects so that the checks run:
 * - hostile files that made patterns quadratic (512 KiB of `{` after an `openai` import took 96 s) finish well
 *   within a generous kill of 30 s, whatever the machine's load: linear work takes about a second;
 * - when a cap cuts the checks, the summary says the repository was not fully checked, and why.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai.js'
import { makeKey } from '../helpers/keys.js'
import { cleanup, everyChannel, runAction, type ActionRun } from '../helpers/runner-harness.js'
import { TempRepo } from '../cli/temp-repo.js'

/** Unknown to the fake API: 401 invalid_api_key, so the repository checks explain it. */
const BAD_KEY = makeKey('project', 1601)
const KILL_AFTER_MS = 30_000
const KIB = 1024

let fake: FakeOpenAI
const runs: ActionRun[] = []
const repos: TempRepo[] = []

beforeAll(async () => {
  fake = await startFakeOpenAI({ validKeys: [] })
})
afterAll(async () => {
  await fake.close()
  for (const repo of repos.splice(0)) repo.remove()
})
afterEach(() => {
  fake.reset()
  for (const run of runs.splice(0)) cleanup(run)
})

async function checkRepository(files: Record<string, string>): Promise<ActionRun> {
  const repo = new TempRepo()
  repos.push(repo)
  repo.commit(files, 'hostile files')
  const run = await runAction({
    workspace: repo.dir,
    inputs: { 'api-key': BAD_KEY, 'base-url': fake.baseUrl, scan: 'none' },
    timeoutMs: KILL_AFTER_MS
  })
  runs.push(run)
  expect(everyChannel(run)).not.toContain(BAD_KEY)
  return run
}

/** The summary as a reader sees it: markdown's backslash escapes removed. */
const readable = (run: ActionRun) => run.summary.replace(/\\(.)/g, '$1')

describe('repository checks bounded by size, not malice', () => {
  it('hostile files that made the checks quadratic finish within a generous kill', async () => {
    const run = await checkRepository({
      // One 512 KiB line of `{` after an openai import (the import and Configuration patterns).
      'src/braces.ts': `import OpenAI from 'openai'\n${'{'.repeat(512 * KIB)}\n`,
      // `import{` and `{ Configuration ` repeated: each try once ran to the end of the file.
      'src/imports.ts': `import OpenAI from 'openai'\n${'import x, {'.repeat(40 * KIB)}${'{ Configuration '.repeat(30 * KIB)}\n`,
      // One long line of many env reads after `apiKey:`: the key-argument test read the whole line per read.
      'src/reads.js': `// openai\nconst c = { apiKey: ${'process.env.OPENAI_KEY_A + '.repeat(20 * KIB)}1 }\n`,
      // `${{` repeated without `}` in a run script, and `NAME=${{ … }}` after a long word on one line.
      '.github/workflows/ci.yml': [
        'on: push',
        'jobs:',
        '  test:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        `      - run: echo ${'${{'.repeat(100 * KIB)}`,
        `      - run: ${'a'.repeat(256 * KIB)}=\${{ secrets.OPENAI_API_KEY }} ${'X=${{ secrets.S }} '.repeat(10 * KIB)}`
      ].join('\n'),
      // A requirement line of 512 KiB of spaces: the comment pattern tried every start of the run.
      'requirements.txt': `openai==0.28.1 # pinned\nrequests${' '.repeat(512 * KIB)}x\n`,
      'app.py': `import openai\n${'openai.error '.repeat(40 * KIB)}\n`
    })
    expect(run.exitCode).toBe(1)
    // The checks ran to the end, well within their time budget: the pinned 0.x SDK is found. (The 20,480 reads of
    // one line are more than the checks compare: that cap is said, as the next test shows.)
    expect(readable(run)).toMatch(/requirements\.txt:1: requirements\.txt pins openai 0\.28\.1/)
    expect(readable(run)).not.toMatch(/time budget/)
  })

  it('says the repository was not fully checked, and why, when a cap cuts the checks', async () => {
    const names = Array.from({ length: 6000 }, (_, index) => `OPENAI_API_KEY_${index}=x`).join('\n')
    const run = await checkRepository({
      '.env.example': `${names}\n`,
      'src/app.js':
        "import OpenAI from 'openai'\nconst client = new OpenAI({ apiKey: process.env.OPENAI_KEY })\n"
    })
    expect(run.exitCode).toBe(1)
    expect(readable(run)).toMatch(
      /Repository not fully checked: only the first 5000 names a \.env file sets were compared \(of 6000\)/
    )
  })
})
