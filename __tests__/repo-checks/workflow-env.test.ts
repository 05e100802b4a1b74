import { afterAll, describe, expect, it } from '@jest/globals'
import { checkEnvVarNames } from '../../src/repo-checks/workflow-env.js'
import { runRepoChecks } from '../../src/repo-checks/index.js'
import { TempTrees } from './temp-tree.js'

const trees = new TempTrees()
afterAll(() => trees.removeAll())

async function envFindings(files: Record<string, string | string[]>, actionSecretName?: string) {
  const result = await runRepoChecks(trees.create(files), { actionSecretName })
  expect(result.checkedEnvVarNames).toBe(true)
  return result.envVarName
}

const at = (findings: Array<{ path: string; line: number }>) =>
  findings.map(({ path, line }) => `${path}:${line}`)

describe('env var name mismatches between workflows and code', () => {
  it('flags a workflow that passes the key as OPENAI_KEY while Python reads OPENAI_API_KEY, on both lines', async () => {
    const findings = await envFindings({
      '.github/workflows/ci.yml': [
        'name: ci',
        'on: push',
        'jobs:',
        '  test:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: actions/checkout@v4',
        '      - name: Run tests',
        '        run: python app/main.py',
        '        env:',
        '          OPENAI_KEY: ${{ secrets.OPENAI_API_KEY }}'
      ],
      'app/main.py': [
        'import os',
        'from openai import OpenAI',
        '',
        'client = OpenAI(api_key=os.getenv("OPENAI_API_KEY"))'
      ]
    })
    expect(at(findings)).toEqual(['.github/workflows/ci.yml:11', 'app/main.py:4'])
    const [workflowSide, codeSide] = findings
    expect(workflowSide.message).toContain('sets `OPENAI_KEY` from secrets.OPENAI_API_KEY')
    expect(workflowSide.message).toContain('`OPENAI_API_KEY` (app/main.py:4)')
    expect(workflowSide.message).toContain('Name it `OPENAI_API_KEY` here')
    expect(codeSide.message).toContain('os.getenv("OPENAI_API_KEY") reads `OPENAI_API_KEY`')
    expect(codeSide.message).toContain('.github/workflows/ci.yml:11 provides the key as `OPENAI_KEY`')
  })

  it('names the first .env entry spelling the client key name in another case, even a name not shaped like a key', async () => {
    const findings = await envFindings({
      'bot.ts': [
        "import OpenAI from 'openai'",
        'const client = new OpenAI({ apiKey: process.env.LLM_SECRET })'
      ],
      '.env': ['PORT=3000', 'llm_secret=sk-test', 'Llm_Secret=sk-other']
    })
    expect(at(findings)).toEqual(['bot.ts:2'])
    expect(findings[0].message).toContain('reads `LLM_SECRET`, but .env:2 provides the key as `llm_secret`')
    expect(findings[0].message).toContain('case-sensitive')
  })

  it('compares the first 5000 names of a .env file, among thousands that are not the key, and says so past that', async () => {
    const filler = Array.from({ length: 5000 }, (_, index) => `SETTING_${index}=1`)
    const code = { 'app.py': 'import os\nkey = os.getenv("OPENAI_API_KEY")\n' }
    const first = await runRepoChecks(trees.create({ ...code, '.env': ['OPENAI_KEY=x', ...filler] }))
    expect(at(first.envVarName)).toEqual(['.env:1', 'app.py:2'])
    const past = await runRepoChecks(trees.create({ ...code, '.env': [...filler, 'OPENAI_KEY=x'] }))
    expect(past.envVarName).toEqual([])
    expect(past.notFullyChecked).toContainEqual({
      limit: 'names',
      detail: 'only the first 5000 names a .env file sets were compared (of 5001)'
    })
  })

  it('finds nothing when the workflows set the name the node code reads, at workflow, job and step level', async () => {
    const doctorStep = [
      '      - uses: mona/openai-key-doctor@v1',
      '        with:',
      '          api-key: ${{ secrets.OPENAI_API_KEY }}'
    ]
    const findings = await envFindings({
      '.github/workflows/workflow-level.yml': [
        'on: push',
        'env:',
        '  OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}',
        'jobs:',
        '  test:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        ...doctorStep,
        '      - run: npm test'
      ],
      '.github/workflows/job-level.yml': [
        'on: push',
        'jobs:',
        '  test:',
        '    runs-on: ubuntu-latest',
        '    env:',
        '      OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}',
        '    steps:',
        ...doctorStep,
        '      - run: npm test'
      ],
      '.github/workflows/step-level.yml': [
        'on: push',
        'jobs:',
        '  test:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        ...doctorStep,
        '      - run: npm test',
        '        env:',
        '          OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}'
      ],
      'src/client.ts': [
        "import OpenAI from 'openai'",
        'const key = process.env.OPENAI_API_KEY',
        'export const client = new OpenAI()',
        "export const other = new OpenAI({ apiKey: process.env['OPENAI_API_KEY'] })"
      ]
    })
    expect(findings).toEqual([])
  })

  it("flags a step that uses another OpenAI secret than the one given to this action's api-key input", async () => {
    const findings = await envFindings({
      '.github/workflows/ci.yml': [
        'on: [push]',
        'jobs:',
        '  check:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: actions/checkout@v4',
        '      - uses: ./',
        '        with:',
        '          api-key: ${{ secrets.OPENAI_API_KEY }}',
        '      - name: Integration tests',
        '        run: npm test',
        '        env:',
        '          OPENAI_API_KEY: ${{ secrets.OPENAI_TOKEN }}',
        '          GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}',
        '      - name: Same secret, other spelling',
        '        run: npm run e2e',
        '        env:',
        '          OPENAI_API_KEY: ${{ secrets.openai_api_key }}'
      ],
      'src/index.js': ['const key = process.env.OPENAI_API_KEY']
    })
    expect(at(findings)).toEqual(['.github/workflows/ci.yml:13'])
    expect(findings[0].message).toContain(
      'Step "Integration tests" of job "check" gives OPENAI_API_KEY the secret'
    )
    expect(findings[0].message).toContain('secrets.OPENAI_TOKEN')
    expect(findings[0].message).toContain('the openai-key-doctor step (line 9) checks secrets.OPENAI_API_KEY')
  })

  it('follows an api-key input given through ${{ env.NAME }} to its secret', async () => {
    const findings = await envFindings({
      '.github/workflows/ci.yml': [
        'on: push',
        'env:',
        '  OPENAI_API_KEY: ${{ secrets.OPENAI_PROD_KEY }}',
        'jobs:',
        '  check:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: mona/openai-key-doctor@v1',
        '        with:',
        '          api-key: ${{ env.OPENAI_API_KEY }}',
        '      - run: |',
        '          OPENAI_API_KEY=${{ secrets.OPENAI_PROD_KEY }} npm test',
        '          OPENAI_API_KEY=${{ secrets.OPENAI_DEV_KEY }} npm run smoke'
      ]
    })
    expect(at(findings)).toEqual(['.github/workflows/ci.yml:13'])
    expect(findings[0].message).toContain('secrets.OPENAI_DEV_KEY')
  })

  it('uses the caller-supplied secret name when no step of the workflow runs this action', () => {
    const files = [
      {
        path: '.github/workflows/deploy.yaml',
        text: [
          'on: push',
          'jobs:',
          '  deploy:',
          '    runs-on: ubuntu-latest',
          '    env:',
          '      OPENAI_API_KEY: ${{ secrets.OPENAI_STAGING_KEY }}',
          '    steps:',
          '      - run: ./deploy.sh'
        ].join('\n')
      }
    ]
    expect(at(checkEnvVarNames(files, { actionSecretName: 'OPENAI_API_KEY' }))).toEqual([
      '.github/workflows/deploy.yaml:6'
    ])
    expect(checkEnvVarNames(files, { actionSecretName: 'openai_staging_key' })).toEqual([])
    expect(checkEnvVarNames(files, {})).toEqual([])
  })

  it('flags an env var name read with a trailing space', async () => {
    const findings = await envFindings({
      'train.py': ['import os', 'import openai', '', 'openai.api_key = os.getenv("OPENAI_API_KEY ")']
    })
    expect(at(findings)).toEqual(['train.py:4'])
    expect(findings[0].message).toContain('"OPENAI_API_KEY " (with a trailing space)')
    expect(findings[0].message).toContain('Read `OPENAI_API_KEY`')
  })

  it('flags a lower-case read of a name the workflow sets in upper case, and says env names are case-sensitive', async () => {
    const findings = await envFindings({
      '.github/workflows/test.yml': [
        'on: pull_request',
        'jobs:',
        '  unit:',
        '    runs-on: ubuntu-latest',
        '    env:',
        '      OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}',
        '    steps:',
        '      - run: node bot.mjs'
      ],
      'bot.mjs': [
        "import OpenAI from 'openai'",
        '',
        'const client = new OpenAI({ apiKey: process.env.openai_api_key })'
      ]
    })
    expect(at(findings)).toEqual(['.github/workflows/test.yml:6', 'bot.mjs:3'])
    for (const finding of findings)
      expect(finding.message).toContain('case-sensitive on Linux and macOS runners')
    expect(findings[1].message).toContain('Use exactly `OPENAI_API_KEY` in both places')
  })

  it('reads run scripts: a $VAR in a block scalar is reported on its own line', async () => {
    const findings = await envFindings({
      '.github/workflows/smoke.yml': [
        'on: workflow_dispatch',
        'jobs:',
        '  smoke:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - name: Call the API',
        '        env:',
        '          OPENAI_KEY: ${{ secrets.OPENAI_KEY }}',
        '        run: |',
        '          echo "calling"',
        '          curl -sf https://api.openai.com/v1/models \\',
        '            -H "Authorization: Bearer $OPENAI_API_KEY"'
      ]
    })
    expect(at(findings)).toEqual(['.github/workflows/smoke.yml:8', '.github/workflows/smoke.yml:12'])
    expect(findings[1].message).toContain('`$OPENAI_API_KEY` in the run script of step "Call the API"')
  })

  it('compares a .env.example against the SDK default name of new OpenAI()', async () => {
    const findings = await envFindings({
      '.env.example': ['# copy to .env', 'OPENAI_BASE_URL=https://api.openai.com/v1', 'OPENAI_SECRET_KEY='],
      'server/ai.ts': [
        "import { OpenAI } from 'openai'",
        '',
        'export const ai = new OpenAI({',
        '  timeout: 20_000',
        '})'
      ]
    })
    expect(at(findings)).toEqual(['.env.example:3', 'server/ai.ts:3'])
    expect(findings[1].message).toContain('new OpenAI() without apiKey reads `OPENAI_API_KEY`')
  })

  it('does not treat env given to a third-party action as env for the repository code', async () => {
    const findings = await envFindings({
      '.github/workflows/review.yml': [
        'on: pull_request',
        'jobs:',
        '  review:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: some-org/ai-review@v2',
        '        env:',
        '          OPENAI_KEY: ${{ secrets.OPENAI_API_KEY }}'
      ],
      'app.py': ['import os', 'KEY = os.environ["OPENAI_API_KEY"]']
    })
    expect(findings).toEqual([])
  })

  it('ignores names that are not OpenAI keys, and names the workflow itself uses', async () => {
    const findings = await envFindings({
      '.github/workflows/ci.yml': [
        'on: push',
        'jobs:',
        '  test:',
        '    runs-on: ubuntu-latest',
        '    env:',
        '      DATABASE_URL: ${{ secrets.DATABASE_URL }}',
        '      OPENAI_MODEL: gpt-4o-mini',
        '      OPENAI_KEY: ${{ secrets.OPENAI_KEY }}',
        '    steps:',
        '      - run: docker run -e OPENAI_KEY my-image'
      ],
      'main.go': [
        'package main',
        'import "os"',
        'var key = os.Getenv("OPENAI_API_KEY")',
        'var db = os.Getenv("DB_URL")'
      ]
    })
    expect(findings).toEqual([])
  })

  it('never repeats a key hard-coded in a workflow', async () => {
    const key = 'sk-proj-' + 'Zq9xVb3LmN7pRt2YwK5sHd8FgJ4cA6eU1oI0' + 'T3BlbkFJ' + 'Xy7Wv6Ut5Sr4Qp3On2Ml1Kj0'
    const findings = await envFindings({
      '.github/workflows/ci.yml': [
        'on: push',
        'jobs:',
        '  test:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: ruby app.rb',
        '        env:',
        `          OPENAI_TOKEN: ${key}`
      ],
      'app.rb': [
        'require "openai"',
        'client = OpenAI::Client.new(access_token: ENV.fetch("OPENAI_ACCESS_TOKEN"))'
      ]
    })
    expect(at(findings)).toEqual(['.github/workflows/ci.yml:8', 'app.rb:2'])
    expect(JSON.stringify(findings)).not.toContain(key.slice(8, 20))
  })
})

describe('work bounded by the repository, not by its malice', () => {
  // 3,000 key names set in .env against 3,000 different names read in code: every provision conflicts with
  // every read. Listing each conflict in full took 79 s and 797 MB (quadratic); messages now list a few
  // names and count the rest, so this stays far inside the test's 30 s limit.
  it('names a few conflicting names per message and counts the rest', async () => {
    const count = 3_000
    const findings = await envFindings({
      '.env': Array.from({ length: count }, (_, i) => `OPENAI_KEY_SET_${i}=x`),
      'src/app.js': [
        "import OpenAI from 'openai'",
        ...Array.from({ length: count }, (_, i) => `const k${i} = process.env.OPENAI_KEY_READ_${i}`)
      ]
    })
    const provision = findings.find(finding => finding.path === '.env' && finding.line === 1)
    expect(provision?.message).toMatch(/and 2995 more names/)
    const reader = findings.find(finding => finding.path === 'src/app.js' && finding.line === 2)
    expect(reader?.message).toMatch(/\(and 2999 more\)/)
  })
})
