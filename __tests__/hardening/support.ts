/**
 * Shared checks for the hardening contract tests: every run of the built action must end cleanly (no crash,
 * no unhandled rejection), print only the workflow commands the action itself issues, and never show a key.
 */
import { expect } from '@jest/globals'
import { commandsIn } from '../report/runner-commands.js'
import type { ActionRun } from '../helpers/runner-harness.js'

/** What the client does with the action's settings: 3 attempts, backoff of at most 0.5 s then 1 s. */
export const ATTEMPTS = 3
export const BACKOFF_MS = 500 + 1000
/** Start-up and reporting of one run on a loaded 2-core CI machine. */
export const RUN_OVERHEAD_MS = 5_000

/** Wall-clock bound of one probe with backoff (not a retry-after wait), per the client's documented formula. */
export function probeBoundMs(timeoutMs: number): number {
  return ATTEMPTS * timeoutMs + BACKOFF_MS
}

/** The step finished on its own: an exit code, no unhandled rejection, no stack trace, no "failed unexpectedly". */
export function expectCleanEnd(run: ActionRun): void {
  expect(typeof run.exitCode).toBe('number')
  const both = `${run.stdout}\n${run.stderr}`
  expect(both).not.toMatch(/UnhandledPromiseRejection|unhandled rejection|Unhandled 'error' event/i)
  expect(both).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m)
  expect(both).not.toContain('failed unexpectedly')
  expect(run.stderr.trim()).toBe('')
}

/** Exit code as `fail-on` decides: 1 when failing (with an error annotation), 0 otherwise. */
export function expectExit(run: ActionRun, failing: boolean): void {
  expect(run.exitCode).toBe(failing ? 1 : 0)
  const errors = run.annotations.filter(annotation => annotation.level === 'error')
  if (failing) expect(errors.length).toBeGreaterThan(0)
}

/** The runner's view of stdout: only commands the action issues, each of a kind we use. */
export function expectOnlyOurCommands(run: ActionRun, allowedTitles: RegExp): void {
  for (const command of commandsIn(run.stdout)) {
    expect(command.legacy).toBe(false)
    expect(['add-mask', 'error', 'warning', 'notice', 'debug']).toContain(command.command)
    if (['error', 'warning', 'notice'].includes(command.command) && command.properties.title !== undefined) {
      expect(command.properties.title).toMatch(allowedTitles)
    }
  }
}

/** The summary as a reader sees it: backslash escapes and our zero-width breakers removed. */
export function readable(markdown: string): string {
  return markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/[\u200b\u200d]/g, '')
}
