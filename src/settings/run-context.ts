import { readFileSync } from 'node:fs'
import type { RunContext } from '../core/diagnosis-types.js'
import { influencingEnvVarNames } from '../core/env-influence.js'

/** The GitHub event that started the run: its name, payload (hostile data) and the SHA the runner checked out. */
export interface GitHubEvent {
  name: string
  payload: Record<string, unknown>
  sha?: string
  /** Set when GITHUB_EVENT_PATH was set but could not be read or parsed. */
  problem?: string
}

export function readGitHubEvent(env: NodeJS.ProcessEnv): GitHubEvent {
  const name = env.GITHUB_EVENT_NAME ?? ''
  const sha = env.GITHUB_SHA || undefined
  const path = env.GITHUB_EVENT_PATH
  if (!path) return { name, payload: {}, sha }
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'))
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      return { name, payload: {}, sha, problem: 'GITHUB_EVENT_PATH does not hold a JSON object' }
    }
    return { name, payload: parsed as Record<string, unknown>, sha }
  } catch (error) {
    const reason = error instanceof SyntaxError ? 'is not valid JSON' : 'could not be read'
    return { name, payload: {}, sha, problem: `the event payload at GITHUB_EVENT_PATH ${reason}` }
  }
}

export function buildRunContext(env: NodeJS.ProcessEnv, event: GitHubEvent): RunContext {
  const actor = env.GITHUB_ACTOR ?? stringAt(event.payload, 'sender', 'login') ?? ''
  return {
    eventName: event.name || 'local',
    actor,
    isForkPullRequest: isForkPullRequest(event),
    isDependabot: [actor, env.GITHUB_TRIGGERING_ACTOR ?? ''].includes('dependabot[bot]'),
    inActions: env.GITHUB_ACTIONS === 'true',
    influencingEnvVars: influencingEnvVarNames(env)
  }
}

function isForkPullRequest(event: GitHubEvent): boolean {
  if (
    event.name !== 'pull_request' &&
    event.name !== 'pull_request_review' &&
    event.name !== 'pull_request_review_comment'
  ) {
    return false
  }
  const base = stringAt(event.payload, 'pull_request', 'base', 'repo', 'full_name')
  const head = stringAt(event.payload, 'pull_request', 'head', 'repo', 'full_name')
  const headRepoGone = objectAt(event.payload, 'pull_request', 'head') !== undefined && head === undefined
  return headRepoGone || (base !== undefined && head !== undefined && base !== head)
}

function objectAt(value: unknown, ...keys: string[]): unknown {
  let current = value
  for (const key of keys) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return current
}

export function stringAt(value: unknown, ...keys: string[]): string | undefined {
  const found = objectAt(value, ...keys)
  return typeof found === 'string' ? found : undefined
}
