/**
 * The CLI's contract with a shell: usage errors and runtime errors exit 2 with a clear message, --help and
 * --version, colours and the progress line only on a terminal, and `npm start` on a fresh clone.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { cpSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { makeKey } from '../helpers/keys.js'
import { CLI_ENTRY, DIST_NODE, spawnBounded } from '../helpers/runner-harness.js'
import { cliEnv, expectNoKeys, runCli } from './run-cli.js'
import { TempRepo } from './temp-repo.js'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const packageJson = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'))
const KEY = makeKey('project', 71)
const LEAKED = makeKey('legacy', 72)
const SGR = /\x1b\[[\d;]*m/

const repos: TempRepo[] = []
let repo: TempRepo
let notARepo: TempRepo

/** Answers GET /v1/models like the API, 1.2 s late: long enough for the progress line to show. */
let slowApi: Server
let slowBaseUrl: string

beforeAll(async () => {
  repo = new TempRepo()
  notARepo = new TempRepo(false)
  repos.push(repo, notARepo)
  repo.commit({ 'README.md': '# app\n' })
  slowApi = createServer((request, response) => {
    const timer = setTimeout(() => {
      const valid = request.headers.authorization === `Bearer ${KEY}`
      response.writeHead(valid ? 200 : 401, { 'content-type': 'application/json' })
      response.end(
        JSON.stringify(valid ? { object: 'list', data: [] } : { error: { code: 'invalid_api_key' } })
      )
    }, 1200)
    response.on('close', () => clearTimeout(timer))
  })
  await new Promise<void>(resolve => slowApi.listen(0, '127.0.0.1', resolve))
  slowBaseUrl = `http://127.0.0.1:${(slowApi.address() as AddressInfo).port}/v1`
})
afterAll(async () => {
  slowApi.closeAllConnections()
  await new Promise(resolve => slowApi.close(resolve))
  for (const r of repos.splice(0)) r.remove()
})

describe('exit code 2: usage errors', () => {
  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--staged', '--all'], /Choose one of --staged, --range A\.\.B, --history \[REF\] and --all/],
    [['--staged', '--range', 'main..HEAD'], /Choose one of/],
    [['--range', 'main'], /--range takes A\.\.B/],
    [['--range', '..HEAD'], /--range takes A\.\.B/],
    [['--fail-on', 'leaks'], /--fail-on accepts .*unknown: "leaks"/],
    [['--fail-on', 'none,key'], /--fail-on cannot combine 'none'/],
    [['--timeout', 'soon'], /--timeout must be a number of seconds above 0 and at most 300; got "soon"/],
    [['--timeout', '0'], /--timeout must be a number of seconds above 0 and at most 300; got "0"/],
    [['--timeout', '-1'], /--timeout must be a number of seconds above 0 and at most 300; got "-1"/],
    [['--timeout=-1'], /--timeout must be a number of seconds above 0 and at most 300; got "-1"/],
    [['--timeout', '301'], /--timeout must be a number of seconds above 0 and at most 300; got "301"/],
    [['--base-url', 'ftp://example.test'], /--base-url \(or OPENAI_BASE_URL\) must use https/],
    [['stray-positional'], /Unexpected argument 'stray-positional'/]
  ])('%j', async (args, message) => {
    const run = await runCli(args, repo.dir)
    expect(run.exitCode).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(message)
    expect(run.stderr).toMatch(/^openai-key-doctor: /)
    expect(run.stderr).toContain('Run `openai-key-doctor --help` for usage.')
  })
})

describe('exit code 2: runtime errors', () => {
  it.each([[['--staged']], [['--range', 'HEAD~1..HEAD']], [['--all']], [[]]])(
    'outside a git repository: %j',
    async args => {
      const run = await runCli(args, notARepo.dir, { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: slowBaseUrl })
      expect(run.exitCode).toBe(2)
      expect(run.stdout).toBe('')
      expect(run.stderr).toMatch(/^openai-key-doctor: .* is not inside a git repository: .* needs one\./)
      expect(run.stderr).not.toMatch(/\n\s+at /)
      expectNoKeys(run, [KEY])
    }
  )
})

describe('--help and --version', () => {
  it('--help prints every flag and the exit codes, even with a broken environment', async () => {
    const run = await runCli(['--help'], repo.dir, { OPENAI_BASE_URL: 'not a url' })
    expect(run.exitCode).toBe(0)
    for (const flag of [
      '--staged',
      '--range A..B',
      '--all',
      '--json',
      '--sarif FILE',
      '--no-liveness',
      '--fail-on'
    ])
      expect(run.stdout).toContain(flag)
    expect(run.stdout).toContain(
      'Exit codes: 0 clean, 1 findings that fail the policy (--fail-on), 2 usage or runtime error.'
    )
  })

  it('--version prints the package version', async () => {
    const run = await runCli(['--version'], repo.dir)
    expect(run).toEqual({ exitCode: 0, stdout: `${packageJson.version}\n`, stderr: '' })
  })
})

describe('colours and progress only on a terminal', () => {
  it('piped: plain text, no escape sequences on stdout or stderr', async () => {
    const leaky = new TempRepo()
    repos.push(leaky)
    leaky.stage({ 'a.txt': `${LEAKED}\n` })
    const run = await runCli(['--staged'], leaky.dir, {
      OPENAI_API_KEY: 'sk-wrong',
      OPENAI_BASE_URL: slowBaseUrl
    })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(/FAIL: /)
    expect(`${run.stdout}${run.stderr}`).not.toContain('\x1b[')
    expectNoKeys(run, [LEAKED, 'sk-wrong'])
  })

  const hasScript = (() => {
    try {
      execFileSync('script', ['--version'], { stdio: 'ignore' })
      return true
    } catch {
      return false
    }
  })()
  const onTty = hasScript ? it : it.skip
  if (!hasScript) {
    console.warn('skipped the terminal tests: `script` (util-linux) is not installed, so no pseudo-terminal')
  }

  /** Runs the CLI under `script`, which gives it a pseudo-terminal for stdin, stdout and stderr. */
  function onTerminal(args: string[], env: Record<string, string>) {
    const command = [DIST_NODE, CLI_ENTRY, ...args].map(arg => `'${arg.replace(/'/g, "'\\''")}'`).join(' ')
    return spawnBounded('script', ['-qec', command, '/dev/null'], { cwd: repo.dir, env: cliEnv(env) }, 30_000)
  }

  onTty('on a terminal: colours, and a progress line while the key check is slow', async () => {
    const run = await onTerminal(['--staged'], { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: slowBaseUrl })
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toMatch(SGR)
    expect(run.stdout).toContain('\x1b[1;32mKey: valid')
    expect(run.stdout).toMatch(/\r\x1b\[2Kchecking the key… \(\d+s\)/)
    // The progress line is erased before the report is printed.
    expect(run.stdout).toMatch(/\r\x1b\[2K\x1b\[1;32mKey: valid/)
    expectNoKeys(run, [KEY])
  })

  onTty('on a terminal with NO_COLOR or --no-color: no colours', async () => {
    for (const [args, env] of [
      [['--staged'], { NO_COLOR: '1' }],
      [['--staged', '--no-color'], {}]
    ] as const) {
      const run = await onTerminal([...args], env)
      expect(run.exitCode).toBe(0)
      expect(run.stdout).toContain('OK: nothing fails the policy')
      expect(run.stdout).not.toMatch(SGR)
    }
  })

  onTty('--json on a terminal stays pure JSON: no colours, no progress line', async () => {
    const run = await onTerminal(['--staged', '--json'], {
      OPENAI_API_KEY: KEY,
      OPENAI_BASE_URL: slowBaseUrl
    })
    expect(run.exitCode).toBe(0)
    expect(JSON.parse(run.stdout.replace(/\r\n/g, '\n')).keyStatus).toBe('valid')
  })
})

describe('npm start on a fresh clone', () => {
  it('without OPENAI_API_KEY: does not crash, says the key is missing and how to set it, exits 0', async () => {
    // What a clone holds: package.json and the committed bundle; no node_modules, no build.
    const clone = new TempRepo()
    repos.push(clone)
    cpSync(path.join(repoRoot, 'package.json'), path.join(clone.dir, 'package.json'))
    const dist = path.dirname(path.dirname(CLI_ENTRY))
    cpSync(dist, path.join(clone.dir, 'dist'), { recursive: true })
    clone.git('add', '--all')
    clone.git('commit', '--quiet', '-m', 'clone')

    const run = await spawnBounded(
      'npm',
      ['start'],
      { cwd: clone.dir, env: cliEnv({ npm_config_update_notifier: 'false', npm_config_fund: 'false' }) },
      60_000
    )
    expect(run.stdout).toContain('> node dist/cli/index.js')
    expect(run.stdout).toContain('No key: OPENAI_API_KEY is not set')
    expect(run.stdout).toContain('export OPENAI_API_KEY=')
    expect(run.stdout).toMatch(/Scanned the working tree .*: \d+ files/)
    expect(run.stdout).toContain('No committed keys found.')
    expect(run.stdout).toContain('OK: nothing fails the policy')
    expect(run.stderr).not.toMatch(/unexpected error|\n\s+at /)
    expect(run.exitCode).toBe(0)
  })
})
