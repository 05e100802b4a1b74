/**
 * The 401 causes only the repository can show (issue 5), end to end: the built action runs in a real git
 * workspace with real workflow files and code, the loopback API rejects the key, and the job summary's
 * checklist rows carry the evidence (file and line, and the commit for a leaked key) instead of
 * "cannot check from here".
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai.js'
import { makeKey } from '../helpers/keys.js'
import {
  cleanup,
  everyChannel,
  runAction,
  type ActionRun,
  type RunOptions
} from '../helpers/runner-harness.js'
import { TempRepo } from '../cli/temp-repo.js'

const GOOD_KEY = makeKey('project', 51)
/** Unknown to the fake API: 401 invalid_api_key, as a mistyped or revoked key gets. */
const BAD_KEY = makeKey('project', 52)

let fake: FakeOpenAI
const runs: ActionRun[] = []
const repos: TempRepo[] = []

beforeAll(async () => {
  fake = await startFakeOpenAI({ validKeys: [GOOD_KEY] })
})
afterAll(async () => {
  await fake.close()
  for (const repo of repos.splice(0)) repo.remove()
})
afterEach(() => {
  fake.reset()
  for (const run of runs.splice(0)) cleanup(run)
})

function repoWith(files: Record<string, string>): TempRepo {
  const repo = new TempRepo()
  repos.push(repo)
  repo.commit(files, 'initial')
  return repo
}

async function doctor(
  repo: TempRepo,
  inputs: Record<string, string> = {},
  options: RunOptions = {}
): Promise<ActionRun> {
  const run = await runAction({
    ...options,
    workspace: repo.dir,
    inputs: { 'api-key': BAD_KEY, 'base-url': fake.baseUrl, scan: 'none', ...inputs }
  })
  runs.push(run)
  expect(everyChannel(run)).not.toContain(BAD_KEY)
  return run
}

/** What a reader sees of our escaped markdown: code spans unwrapped, backslash escapes and entities undone. */
function visible(markdown: string): string {
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>' }
  return markdown.replace(
    /(`+) (.*?) \1|\\([!-/:-@[-`{-~])|&(amp|lt|gt);|[\u200b\u200d]/g,
    (...groups: Array<string | undefined>) => {
      const [, fence, code, escaped, entity] = groups
      if (fence !== undefined) return (code ?? '').replace(/\\\|/g, '|')
      return escaped ?? (entity !== undefined ? entities[entity] : '')
    }
  )
}

/** A row of the summary's 401 checklist table, as text: its verdict label and its evidence. */
function checklistRow(run: ActionRun, title: string): { verdict: string; evidence: string } {
  const row = run.summary
    .split('\n')
    .find(line => /^\| \d+ \| /.test(line) && visible(line).includes(`| ${title} |`))
  if (!row) throw new Error(`no checklist row "${title}" in the summary:\n${run.summary}`)
  const cells = row.split(/(?<!\\)\|/).map(cell => cell.trim())
  return { verdict: visible(cells[3]), evidence: visible(cells[4]) }
}

const DOCTOR_STEP = [
  '      - uses: openai-key-doctor/openai-key-doctor@v1',
  '        with:',
  '          api-key: ${{ secrets.OPENAI_API_KEY }}'
]

function workflow(...stepLines: string[]): string {
  return [
    'name: ci',
    'on: [push]',
    'jobs:',
    '  test:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    ...DOCTOR_STEP,
    ...stepLines,
    ''
  ].join('\n')
}

describe('incorrect environment variable name, found in the repository', () => {
  it('a workflow passes OPENAI_KEY while the Python code reads OPENAI_API_KEY', async () => {
    const repo = repoWith({
      '.github/workflows/ci.yml': workflow(
        '      - name: Run the app',
        '        run: python app.py',
        '        env:',
        '          OPENAI_KEY: ${{ secrets.OPENAI_API_KEY }}'
      ),
      'app.py': [
        'import os',
        'from openai import OpenAI',
        '',
        'client = OpenAI(api_key=os.getenv("OPENAI_API_KEY"))',
        ''
      ].join('\n')
    })
    const run = await doctor(repo)
    expect(run.exitCode).toBe(1)
    expect(run.outputs['key-status']).toBe('invalid')
    const row = checklistRow(run, 'Incorrect environment variable name')
    expect(row.verdict).toMatch(/confirmed|likely/)
    expect(row.evidence).toContain('.github/workflows/ci.yml:14')
    expect(row.evidence).toContain('`OPENAI_KEY`'.replace(/`/g, ''))
    expect(row.evidence).toContain('app.py:4')
    expect(row.evidence).toContain('OPENAI_API_KEY')
    // The same places are listed under "What the repository shows".
    expect(visible(run.summary)).toMatch(
      /Environment variable names[\s\S]*ci\.yml#L14|Environment variable names[\s\S]*ci\.yml:14/
    )
  })

  it('a step uses secrets.OPENAI_TOKEN while this action checks secrets.OPENAI_API_KEY', async () => {
    const repo = repoWith({
      '.github/workflows/ci.yml': workflow(
        '      - name: Tests',
        '        run: npm test',
        '        env:',
        '          OPENAI_API_KEY: ${{ secrets.OPENAI_TOKEN }}'
      ),
      'src/client.js': [
        "import OpenAI from 'openai'",
        'export const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY })',
        ''
      ].join('\n')
    })
    const run = await doctor(repo)
    const row = checklistRow(run, 'Incorrect environment variable name')
    expect(row.verdict).toMatch(/confirmed|likely/)
    expect(row.evidence).toContain('.github/workflows/ci.yml:14')
    expect(row.evidence).toContain('secrets.OPENAI_TOKEN')
    expect(row.evidence).toContain('secrets.OPENAI_API_KEY')
    expect(row.evidence).toMatch(/line 10/)
  })

  it('a stray space in the name the workflow sets', async () => {
    const repo = repoWith({
      '.github/workflows/ci.yml': workflow(
        '      - name: Run the app',
        '        run: node index.js',
        '        env:',
        '          "OPENAI_API_KEY ": ${{ secrets.OPENAI_API_KEY }}'
      ),
      'index.js': [
        "const OpenAI = require('openai')",
        'const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY })',
        ''
      ].join('\n')
    })
    const run = await doctor(repo)
    const row = checklistRow(run, 'Incorrect environment variable name')
    expect(row.verdict).toMatch(/confirmed|likely/)
    expect(row.evidence).toContain('.github/workflows/ci.yml:14')
    expect(row.evidence).toMatch(/trailing space/)
  })

  it('a case difference between the name the workflow sets and the name the code reads', async () => {
    const repo = repoWith({
      '.github/workflows/ci.yml': workflow(
        '      - name: Run the app',
        '        run: python app.py',
        '        env:',
        '          OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}'
      ),
      'app.py': ['import os', 'import openai', '', 'openai.api_key = os.environ["OpenAI_API_KEY"]', ''].join(
        '\n'
      )
    })
    const run = await doctor(repo)
    const row = checklistRow(run, 'Incorrect environment variable name')
    expect(row.verdict).toMatch(/confirmed|likely/)
    expect(row.evidence).toContain('app.py:4')
    expect(row.evidence).toContain('OpenAI_API_KEY')
    expect(row.evidence).toMatch(/case-sensitive/)
  })

  it('is ruled out, not "cannot check", when the names agree', async () => {
    const repo = repoWith({
      '.github/workflows/ci.yml': workflow(
        '      - name: Run the app',
        '        run: python app.py',
        '        env:',
        '          OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}'
      ),
      'app.py': ['import os', 'from openai import OpenAI', 'client = OpenAI()', ''].join('\n'),
      'requirements.txt': 'openai>=1.40\n'
    })
    const run = await doctor(repo)
    expect(checklistRow(run, 'Incorrect environment variable name').verdict).toMatch(/ruled out/)
    expect(checklistRow(run, 'Outdated client library').verdict).toMatch(/ruled out/)
  })

  it('is "not checked", and says why, when the workspace has nothing to read for a check', async () => {
    const run = await doctor(repoWith({ 'app.py': 'print(1)\n' }))
    const names = checklistRow(run, 'Incorrect environment variable name')
    expect(names.verdict).toMatch(/not checked/)
    expect(names.evidence).toMatch(/^Not checked: the workspace has no workflow files/)
    const library = checklistRow(run, 'Outdated client library')
    expect(library.verdict).toMatch(/not checked/)
    expect(library.evidence).toMatch(/^Not checked: the workspace has no package manifests or lockfiles/)
  })
})

describe('outdated client library, found in the repository', () => {
  it('openai-node v3 and openai-python 0.x pins and calls, with the upgrade path', async () => {
    const repo = repoWith({
      'package.json': JSON.stringify(
        { name: 'app', version: '1.0.0', dependencies: { express: '^4.18.0', openai: '^3.3.0' } },
        null,
        2
      ),
      'requirements.txt': 'requests==2.31.0\nopenai==0.28.1\n',
      'index.js': [
        "const { Configuration, OpenAIApi } = require('openai')",
        '',
        'const openai = new OpenAIApi(new Configuration({ apiKey: process.env.OPENAI_API_KEY }))',
        ''
      ].join('\n'),
      'app.py': [
        'import os',
        'import openai',
        '',
        'openai.api_key = os.getenv("OPENAI_API_KEY")',
        'reply = openai.ChatCompletion.create(model="gpt-4o-mini", messages=[])',
        ''
      ].join('\n')
    })
    const run = await doctor(repo)
    const row = checklistRow(run, 'Outdated client library')
    expect(row.verdict).toMatch(/confirmed|likely/)
    // The pins come first: they are what to change.
    expect(row.evidence).toContain('package.json:6')
    expect(row.evidence).toContain('requirements.txt:2')
    expect(row.evidence).toMatch(/openai@\^4/)
    expect(row.evidence).toMatch(/openai>=1\.0/)
    expect(row.evidence).toContain('app.py:5')
    expect(row.evidence).toContain('openai.ChatCompletion.create')
    expect(row.evidence).toMatch(/and 2 more$/)
    // Every place, the code written for v3 included, is listed under "What the repository shows".
    const section = visible(run.summary.slice(run.summary.indexOf('#### What the repository shows')))
    expect(section).toMatch(/- \[?index\.js:1\b.*: Imports Configuration and OpenAIApi from 'openai'/)
    expect(section).toMatch(
      /- \[?index\.js:3\b.*: new OpenAIApi\( and new Configuration\( are the openai-node v3 client/
    )
  })
})

describe('revoked after a leak: the configured key is committed in the repository', () => {
  function leakyHistory(): { repo: TempRepo; base: string; added: string; head: string } {
    const repo = repoWith({ 'README.md': '# app\n' })
    const base = repo.git('rev-parse', 'HEAD')
    const added = repo.commit({ 'settings.py': `DEBUG = True\nOPENAI_API_KEY = "${BAD_KEY}"\n` }, 'settings')
    const head = repo.commit(
      { 'settings.py': 'import os\nOPENAI_API_KEY = os.getenv("OPENAI_API_KEY")\n' },
      'env'
    )
    return { repo, base, added, head }
  }

  function expectRevokedByLeakDetection(run: ActionRun, where: RegExp): void {
    expect(run.outputs['key-status']).toBe('invalid')
    expect(run.outputs.cause).toBe('invalid-api-key')
    const shown = visible(run.summary)
    expect(shown).toMatch(/OpenAI's leak detection most likely revoked this key/)
    expect(shown).toMatch(where)
    const row = checklistRow(run, 'Expired or revoked key')
    expect(row.verdict).toMatch(/confirmed|likely/)
    expect(row.evidence).toMatch(where)
  }

  it('in a pushed range, even though a later commit removed it: file, line and commit', async () => {
    const { repo, base, added, head } = leakyHistory()
    const run = await doctor(
      repo,
      { scan: 'changed' },
      {
        eventName: 'push',
        event: { before: base, after: head, ref: 'refs/heads/main', commits: [{}, {}] },
        env: { GITHUB_SHA: head }
      }
    )
    expectRevokedByLeakDetection(run, new RegExp(`settings\\.py:2 \\(commit ${added.slice(0, 7)}\\)`))
    expect(run.outputs.leaks).toBe('1')
  })

  it('in a pull request range', async () => {
    const { repo, base, added, head } = leakyHistory()
    const run = await doctor(
      repo,
      { scan: 'changed' },
      {
        eventName: 'pull_request',
        event: {
          number: 3,
          pull_request: {
            number: 3,
            commits: 2,
            base: { sha: base, ref: 'main', repo: { full_name: 'octo/app' } },
            head: { sha: head, ref: 'feature', repo: { full_name: 'octo/app' } }
          },
          repository: { full_name: 'octo/app', default_branch: 'main' }
        },
        env: { GITHUB_SHA: head }
      }
    )
    expectRevokedByLeakDetection(run, new RegExp(`settings\\.py:2 \\(commit ${added.slice(0, 7)}\\)`))
  })

  it('in the tree, with scan: all', async () => {
    const repo = repoWith({ 'config/dev.py': `# local only\nOPENAI_API_KEY = "${BAD_KEY}"\n` })
    const run = await doctor(repo, { scan: 'all' })
    expectRevokedByLeakDetection(run, /config\/dev\.py:2/)
  })

  it('says nothing about leak detection when the history holds no copy of the key', async () => {
    const repo = repoWith({ 'app.py': 'print("hello")\n' })
    const run = await doctor(repo, { scan: 'all' })
    expect(run.outputs['key-status']).toBe('invalid')
    expect(visible(run.summary)).not.toMatch(/leak detection most likely revoked/)
    expect(checklistRow(run, 'Expired or revoked key').evidence).toMatch(/does not appear in the repository/)
  })
})
