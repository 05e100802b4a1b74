/** Runs the built CLI (CLI_ENTRY, honouring OKD_DIST_DIR) as a child process with a clean environment. */
import { redact } from '../../src/core/redact.js'
import { FIXTURE_GIT_ENV } from '../helpers/git-fixtures.js'
import { CLI_ENTRY, spawnBounded } from '../helpers/runner-harness.js'

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
  return spawnBounded(process.execPath, [CLI_ENTRY, ...args], { cwd, env: cliEnv(env) }, 30_000)
}

/** No key appears in full on any channel; only its redacted form may. */
export function expectNoKeys(run: CliRun, keys: string[], extra = ''): void {
  const seen = `${run.stdout}\n${run.stderr}\n${extra}`
  for (const key of keys) {
    if (seen.includes(key)) throw new Error(`a key appears in full in the output (redacted: ${redact(key)})`)
  }
}
