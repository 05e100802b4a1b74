/**
 * Runs the pure core the way the action wires it: format check, then (when allowed) the live answers the
 * fake API would give, then diagnose(). Only the HTTP layer is replaced, by recorded response bodies.
 */
import { classifyProbe } from '../../src/core/classify.js'
import type { Diagnosis, RepoFindings, RunContext } from '../../src/core/diagnosis-types.js'
import { diagnose, type DiagnoseInput } from '../../src/core/diagnose.js'
import { analyzeKeyFormat } from '../../src/core/key-format.js'
import type { ProbeOutcome } from '../../src/core/probe.js'
import type { OpenAIResponseFixture } from '../fixtures/openai-bodies.js'

export type Answer = OpenAIResponseFixture | ProbeOutcome | ((sentKey: string) => OpenAIResponseFixture)

export interface Scenario {
  raw: string
  /** What the API answers for the list probe, for whichever key is sent. */
  answer?: Answer
  /** Per required model: what `GET /models/{id}` answers. */
  models?: Record<string, Answer>
  run?: Partial<RunContext>
  organization?: string
  project?: string
  liveness?: boolean
  repo?: RepoFindings
}

export const PUSH_RUN: RunContext = {
  eventName: 'push',
  actor: 'octocat',
  isForkPullRequest: false,
  isDependabot: false,
  inActions: true,
  influencingEnvVars: []
}

function outcomeOf(answer: Answer, sentKey: string): ProbeOutcome {
  const resolved = typeof answer === 'function' ? answer(sentKey) : answer
  if ('kind' in resolved) return resolved
  return {
    kind: 'response',
    status: resolved.status,
    body: resolved.body,
    requestId: resolved.requestId,
    attempts: 1
  }
}

export function scenarioInput(scenario: Scenario): DiagnoseInput {
  const format = analyzeKeyFormat(scenario.raw)
  const liveness = scenario.liveness ?? true
  const organization = scenario.organization ?? ''
  const project = scenario.project ?? ''
  const probe = (key: string, answer: Answer | undefined, model?: string) =>
    answer === undefined
      ? undefined
      : classifyProbe(outcomeOf(answer, key), {
          sentKey: key,
          organizationSent: organization !== '',
          projectSent: project !== '',
          ...(model ? { model } : {})
        })
  const live = liveness && format.sendable ? probe(scenario.raw, scenario.answer) : undefined
  const cleanedLive =
    liveness && format.cleaned !== undefined ? probe(format.cleaned, scenario.answer) : undefined
  const workingKey = format.cleaned ?? scenario.raw
  const keyWorks = (cleanedLive ?? live)?.status === 'valid'
  const models =
    liveness && keyWorks
      ? Object.entries(scenario.models ?? {}).map(([id, answer]) => ({
          id,
          classification: probe(workingKey, answer, id)!
        }))
      : undefined
  return {
    format,
    ...(live ? { live } : {}),
    ...(cleanedLive ? { cleanedLive } : {}),
    ...(models ? { models } : {}),
    run: { ...PUSH_RUN, ...scenario.run },
    settings: {
      apiKey: scenario.raw,
      organization,
      project,
      liveness,
      requiredModels: Object.keys(scenario.models ?? {}),
      inferenceCheck: false,
      gatewayToken: ''
    },
    ...(scenario.repo ? { repo: scenario.repo } : {})
  }
}

export function runScenario(scenario: Scenario): Diagnosis {
  return diagnose(scenarioInput(scenario))
}

/** Every text a Diagnosis carries, for "the key never appears" assertions. */
export function allText(diagnosis: Diagnosis): string {
  return JSON.stringify(diagnosis)
}
