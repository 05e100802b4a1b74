/** Runs the built CLI (CLI_ENTRY, honouring OKD_DIST_DIR) as a child process with a clean environment. */
import { expectNoKeyIn } from '../helpers/no-key.js'
import { FIXTURE_GIT_ENV } from '../helpers/git-fixtures.js'
import { CLI_ENTRY, DIST_NODE, spawnBounded } from '../helpers/runner-harness.js'

export interface CliRun {
  exitCode: number | null
  stdout: string
  stderr: string
}

/**
 * Only PATH, HOME and an isolated git configuration come from outside; OPENAI_API_KEY, OPENAI_BASE_URL and
 * anything else must be passed in `env`, so nothing from the developer's shell changes a result.
 */
export function cliEnv(env: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    ...FIXTURE_GIT_ENV,
    ...env
  }
}

export function runCli(args: string[], cwd: string, env: Record<string, string> = {}): Promise<CliRun> {
  return spawnBounded(DIST_NODE, [CLI_ENTRY, ...args], { cwd, env: cliEnv(env) }, 30_000)
}

/** No key (whole, base64, or more than 12 characters of it) in stdout, stderr or `extra`. */
export function expectNoKeys(run: CliRun, keys: string[], extra = ''): void {
  expectNoKeyIn(`${run.stdout}\n${run.stderr}\n${extra}`, 'the CLI output', ...keys)
}
