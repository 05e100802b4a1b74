/**
 * Combines the offline format check, the live answers and the run's context into one verdict with its
 * explanation, fix, notes and checklist (design.md "key-status and cause"). Pure: every fact comes in.
 */
import { causeInfoFor, PROVIDERS } from '../providers/registry.js'
import type { ProviderId } from '../providers/types.js'
import { buildChecklist, citeAnswer, evidenceOf, formatLocations, joinDetails } from './checklist.js'
import type { Classification } from './classify.js'
import type { Diagnosis, ModelCheck, RepoFindings, RunContext } from './diagnosis-types.js'
import { describeEnvVar, isOrganizationOrProjectEnvVar, isProxyEnvVar } from './env-influence.js'
import type { FormatProblem, KeyFormatReport } from './key-format.js'
import { scrub } from './redact.js'
import type { Settings } from '../settings/settings.js'
import type { Cause, KeyStatus } from './vocabulary.js'
import { lowerFirst, upperFirst } from './words.js'

export interface ModelProbeResult {
  id: string
  classification: Classification
}

export interface DiagnoseInput {
  format: KeyFormatReport
  /** The raw key's live answer; absent when liveness is off or the raw key was not sendable. */
  live?: Classification
  /** The live answer for `format.cleaned`; absent when there is no cleaned key or it was not checked. */
  cleanedLive?: Classification
  /** One entry per required model that was probed (`GET /models/{id}`). */
  models?: readonly ModelProbeResult[]
  /** One entry per model the inference check asked (a minimal billable request); empty when it was off. */
  inference?: readonly ModelProbeResult[]
  /** The provider at `base-url` (default OpenAI): its words for causes no answer came with. */
  provider?: ProviderId
  run: RunContext
  /** `apiKey` is only used to scrub every text of the result, as a last line of defence. */
  settings: Pick<
    Settings,
    'apiKey' | 'organization' | 'project' | 'liveness' | 'requiredModels' | 'inferenceCheck' | 'gatewayToken'
  >
  repo?: RepoFindings
}

interface Verdict {
  status: KeyStatus
  cause: Cause
  /** The live answer the verdict rests on, if any. */
  answer?: Classification
}

/** Outside GitHub Actions the key comes from the shell's environment, not from a workflow secret. */
const LOCAL_UNSET = 'OPENAI_API_KEY is not set (or empty) in this shell'

export function diagnose(input: DiagnoseInput): Diagnosis {
  const { format, settings } = input
  const keyAnswer = input.cleanedLive ?? input.live
  const verdict = decide(input)
  // The answer whose words the verdict quotes (the server-said line): every verdict that came from an error.
  const quoted =
    verdict.answer?.httpStatus !== undefined && verdict.status !== 'valid' ? verdict.answer : undefined
  const requestId = requestIdOf(input, verdict)
  const checklist = buildChecklist({
    format,
    answer: keyAnswer,
    refusedModel: input.models
      ?.map(model => model.classification)
      .find(answer => answer.cause === 'model-not-accessible'),
    run: input.run,
    liveness: settings.liveness,
    organizationSent: settings.organization !== '',
    projectSent: settings.project !== '',
    provider: keyAnswer?.provider ?? input.provider ?? 'openai',
    repo: input.repo,
    verdictCause: verdict.cause,
    ...(quoted ? { quoted } : {})
  })
  const diagnosis: Diagnosis = {
    keyStatus: verdict.status,
    cause: verdict.cause,
    keyType: format.keyType,
    headline: headline(input, verdict),
    explanation: explanation(input, verdict),
    fix: fix(input, verdict),
    ...(format.fingerprint ? { fingerprint: format.fingerprint } : {}),
    ...(requestId ? { requestId } : {}),
    ...(quoted ? { serverSaid: serverSaid(quoted) } : {}),
    notes: notes(input, verdict),
    checklist,
    models: modelChecks(input, verdict)
  }
  return scrubDiagnosis(diagnosis, [
    settings.apiKey,
    settings.apiKey.trim(),
    format.cleaned ?? '',
    settings.gatewayToken,
    settings.gatewayToken.trim()
  ])
}

function decide(input: DiagnoseInput): Verdict {
  const { format, run, settings, live } = input
  if (format.empty) {
    if (run.isForkPullRequest) return { status: 'skipped', cause: 'fork-pull-request' }
    if (run.isDependabot) return { status: 'skipped', cause: 'dependabot' }
    return { status: 'missing', cause: 'missing-secret' }
  }
  // A key of unusual shape that the API (or a gateway at base-url) accepts is judged by that answer.
  const onlyShape = format.problems.every(problem => problem.cause === 'unknown-format')
  if (format.cause !== 'none' && !(onlyShape && live?.status === 'valid')) {
    return { status: 'malformed', cause: format.cause }
  }
  if (!settings.liveness || !live) return { status: 'unchecked', cause: 'none' }
  if (live.status !== 'valid') return { status: live.status, cause: live.cause, answer: live }
  const failing = (input.models ?? [])
    .map(model => model.classification)
    .filter(answer => answer.status !== 'valid')
  const model = failing.find(answer => answer.cause === 'model-not-accessible') ?? failing[0]
  if (model) return { status: model.status, cause: model.cause, answer: model }
  const billable = decisiveInference(input)[0]
  if (billable) return { status: billable.status, cause: billable.cause, answer: billable }
  return { status: 'valid', cause: 'none', answer: live }
}

/**
 * Inference answers that say something about the key: quota, billing, a model block, a missing scope, a dead
 * key. Anything else (a model that is no chat model, a parameter a server refuses) leaves the verdict alone.
 */
function decisiveInference(input: DiagnoseInput): Classification[] {
  return (input.inference ?? [])
    .map(model => model.classification)
    .filter(answer => DECISIVE_STATUSES.has(answer.status) && answer.cause !== 'endpoint-not-found')
}

const DECISIVE_STATUSES: ReadonlySet<KeyStatus> = new Set([
  'no-quota',
  'restricted',
  'invalid',
  'misconfigured'
])

/** The provider whose words explain the verdict: the one that answered, else the one at `base-url`. */
function infoOf(input: DiagnoseInput, verdict: Verdict) {
  return causeInfoFor(verdict.cause, verdict.answer?.provider ?? input.provider)
}

/** The status once, the server's code when it adds something, and its message (already scrubbed and bounded). */
function serverSaid(answer: Classification): NonNullable<Diagnosis['serverSaid']> {
  return {
    httpStatus: answer.httpStatus ?? 0,
    ...(answer.apiCode ? { code: answer.apiCode } : {}),
    ...(answer.apiMessage ? { message: answer.apiMessage } : {}),
    ...(answer.truncatedBody ? { truncated: true as const } : {})
  }
}

function headline(input: DiagnoseInput, verdict: Verdict): string {
  const { format } = input
  const info = infoOf(input, verdict)
  switch (verdict.status) {
    case 'valid': {
      const models =
        input.models && input.models.length > 0
          ? `, and can use ${input.models.map(model => model.id).join(', ')}`
          : ''
      return `The key is valid (${describeKeyType(format, input.provider)})${models}`
    }
    case 'unchecked':
      if (verdict.answer)
        return `Could not be verified: the endpoint at \`base-url\` answers without checking the key`
      return `Not checked live (${input.settings.liveness ? 'no live answer' : 'liveness is off'}); ${input.provider && input.provider !== 'openai' ? `the format suits ${PROVIDERS[input.provider].name}` : `the format is that of an OpenAI ${describeKeyType(format)}`}`
    case 'malformed':
      if (format.problems.length > 0) return `${info.title}: the secret ${primaryProblem(format).detail}`
      break
    case 'missing':
      return input.run.inActions ? 'No key: the secret is empty' : `No key: ${LOCAL_UNSET}`
    case 'skipped':
      return `Skipped: ${lowerFirst(info.title)}`
  }
  // The status, code and message are the server-said line's; the attempts are a note; the cause code is the heading's.
  const model = verdict.cause === 'model-not-accessible' ? `: ${failingModelIds(input).join(', ')}` : ''
  return `${info.title}${model}`
}

function explanation(input: DiagnoseInput, verdict: Verdict): string {
  const { format, repo } = input
  const info = infoOf(input, verdict)
  if (verdict.status === 'malformed' && format.problems.length > 0) {
    // The headline names the primary problem; the others are said here, once.
    const others = format.problems.filter(problem => problem !== primaryProblem(format))
    return others.length > 0
      ? `${info.explanation} The secret also ${joinDetails(others)}.`
      : info.explanation
  }
  if (verdict.status === 'unchecked' && verdict.answer) return verdict.answer.detail
  if (verdict.status === 'unchecked') {
    return input.settings.liveness
      ? 'The format is sound, but the key was not checked against the API.'
      : 'The format is sound. With `liveness: false` no request is made, so whether the API accepts the key is unknown.'
  }
  if (verdict.status === 'missing' && !input.run.inActions) {
    // The headline says the variable is not set; the cause says what that means here.
    return 'Without a key there is nothing to check against the API.'
  }
  // The headline says the key is valid (and which models it can use): the answer's own words would repeat it.
  if (verdict.status === 'valid') return 'The API at `base-url` accepted the key.'
  // The status, code and message are the server-said line's, and the explanation says what the cause means:
  // the answer adds only its own facts (who sent a header, what the echo shows), when it has any.
  const detail = verdict.answer?.facts ? ` ${verdict.answer.facts}` : ''
  // Only OpenAI revokes keys it finds published; an Azure or gateway key that leaked is not switched off.
  const leaked = revokedByOpenAI(input, verdict) ? committedEvidence(repo) : undefined
  if (verdict.status === 'invalid' && leaked) {
    return `OpenAI's leak detection most likely revoked this key: it is committed at ${formatLocations(leaked)}, and OpenAI disables keys it finds published. ${info.explanation}${detail}`
  }
  return `${info.explanation}${detail}`
}

function fix(input: DiagnoseInput, verdict: Verdict): string {
  const info = infoOf(input, verdict)
  const leaked = revokedByOpenAI(input, verdict) ? committedEvidence(input.repo) : undefined
  if (verdict.status === 'invalid' && leaked) {
    // Where the key was removed later, there is nothing left to remove: only the history keeps it.
    const present = leaked.filter(item => !item.removed)
    const revoke = 'so revoke it if it still shows at https://platform.openai.com/api-keys'
    return present.length > 0
      ? `Remove the key from ${formatLocations(present)} and keep the new one only in secrets; the old key stays in the git history, ${revoke}. ${info.fix}`
      : `The key is no longer in the files, but the git history keeps it, ${revoke}; keep the new one only in secrets. ${info.fix}`
  }
  if (verdict.status === 'missing' && !input.run.inActions) {
    return (
      'Set it for this shell (`export OPENAI_API_KEY=...`) and run again. To only scan for committed keys, ' +
      'use `--staged` or `--range A..B`: they check the key only when OPENAI_API_KEY is set.'
    )
  }
  if (verdict.status === 'unchecked' && verdict.answer) {
    return 'Check the key where the server does check it (for a local or relay server, through a route that needs the key), or set `provider` to the service behind `base-url` so this step asks an endpoint that authenticates (see docs/providers.md).'
  }
  if (verdict.status === 'unchecked') {
    return input.settings.liveness
      ? 'Nothing to fix in the format.'
      : 'Nothing to fix in the format. Leave `liveness` at its default (`true`) to check the key against the API; it costs no tokens.'
  }
  if (verdict.status === 'malformed' && input.cleanedLive && input.cleanedLive.status !== 'valid') {
    return `${info.fix} The key itself is also rejected ${withoutThem(input.format)} (${evidenceOf(input.cleanedLive)}): ${lowerFirst(causeInfoFor(input.cleanedLive.cause, input.cleanedLive.provider).fix)}`
  }
  return info.fix
}

function notes(input: DiagnoseInput, verdict: Verdict): string[] {
  const { format, live, cleanedLive, settings, run } = input
  const result: string[] = []
  // The characters themselves are named in the headline and the cause; a note says only what the key does without them.
  if (format.cleaned !== undefined && fixableProblems(format).length > 0) {
    const without = withoutThem(format)
    if (cleanedLive?.status === 'valid') result.push(`${upperFirst(without)}, the key is live.`)
    // A key rejected without them is the fix's subject (it quotes the answer); not said again here.
    else if (!cleanedLive && !settings.liveness)
      result.push(`The cleaned key (${without}) was not checked live, because liveness is off.`)
  }
  if (verdict.status === 'valid' && format.cause === 'unknown-format') {
    result.push(
      `The key does not have an OpenAI key's shape (it ${primaryProblem(format).detail}), but the API at \`base-url\` accepted it: presumably a gateway's own key.`
    )
  } else if (verdict.status === 'malformed' && live) {
    result.push(`Sent as it is, the key got ${citeAnswer(live)}`)
  }
  // Said by the verdict's own answer when the header is what the API complained about.
  if (settings.organization && !ORGANIZATION_CAUSES.has(verdict.cause))
    result.push('This step sent the OpenAI-Organization header from its `organization` input.')
  if (settings.project && verdict.cause !== 'project-mismatch')
    result.push('This step sent the OpenAI-Project header from its `project` input.')
  for (const name of run.influencingEnvVars) {
    const here =
      isProxyEnvVar(name) || name.toUpperCase() === 'NO_PROXY'
        ? " (this check's requests use it too)"
        : isOrganizationOrProjectEnvVar(name)
          ? ' (this check ignores it; set the `organization` / `project` input to reproduce it)'
          : ''
    result.push(
      `${name} is set in the environment${here}: ${describeEnvVar(name) ?? 'it changes what apps send'}.`
    )
  }
  result.push(...inferenceNotes(input, verdict))
  const retried = verdict.answer && verdict.answer.attempts > 1 ? verdict.answer : undefined
  if (retried) result.push(`The API was asked ${retried.attempts} times, with backoff between attempts.`)
  return result
}

/** What the inference check found, or that quota and billing were not checked and how to check them. */
function inferenceNotes(input: DiagnoseInput, verdict: Verdict): string[] {
  const { settings } = input
  const keyWorks =
    verdict.status === 'valid' || verdict.status === 'restricted' || verdict.status === 'no-quota'
  if (!settings.liveness || !keyWorks) return []
  if (!settings.inferenceCheck) {
    if (verdict.status === 'no-quota') return []
    return [
      'Quota and billing were not checked: the models list costs nothing and answers even when the organization has no credit, billing is off, the project blocks a model or the key lacks the `model.request` scope. To check them, set `inference-check: true` (CLI: `--inference-check`): one minimal request per required model, a fraction of a cent each.'
    ]
  }
  const asked = input.inference ?? []
  if (asked.length === 0) {
    return [
      'The inference check was on, but no model could be named for it: list the models (or, on Azure, the deployments) your app uses in `required-models`.'
    ]
  }
  const decisive = new Set(decisiveInference(input))
  return asked.flatMap(model => {
    const answer = model.classification
    if (answer.status === 'valid')
      return [
        `Inference check: \`${model.id}\` answered a minimal request, so quota and billing are in order.`
      ]
    if (decisive.has(answer)) return []
    return [`Inference check of \`${model.id}\` was inconclusive (${evidenceOf(answer)}): ${answer.detail}`]
  })
}

function fixableProblems(format: KeyFormatReport): FormatProblem[] {
  return format.problems.filter(problem => problem.cause !== 'unknown-format')
}

/** "without it" for one character or wrapper, "without them" for more ("2 spaces", a pair of quotes). */
function withoutThem(format: KeyFormatReport): string {
  const fixable = fixableProblems(format)
  return fixable.length === 1 && (fixable[0].characters ?? 1) === 1 ? 'without it' : 'without them'
}

const ORGANIZATION_CAUSES: ReadonlySet<Cause> = new Set(['organization-mismatch', 'unknown-organization'])

/** The verdict's request id; for a malformed secret, the one of the cleaned key's answer that the fix quotes. */
function requestIdOf(input: DiagnoseInput, verdict: Verdict): string | undefined {
  if (verdict.answer) return verdict.answer.requestId
  return verdict.status === 'malformed' ? input.cleanedLive?.requestId : undefined
}

function modelChecks(input: DiagnoseInput, verdict: Verdict): ModelCheck[] {
  const probed = new Map((input.models ?? []).map(model => [model.id, model.classification]))
  for (const model of input.inference ?? []) {
    const known = probed.get(model.id)
    if (!known || known.status === 'valid') probed.set(model.id, model.classification)
  }
  return input.settings.requiredModels.map(id => {
    const answer = probed.get(id)
    if (!answer) {
      const provider = PROVIDERS[input.provider ?? 'openai']
      const why = !input.settings.liveness
        ? 'liveness is off'
        : !['valid', 'unchecked', 'no-quota'].includes(verdict.status)
          ? 'the key itself did not pass'
          : !input.settings.inferenceCheck
            ? `${provider.name} has no free model check; set \`inference-check: true\` to ask each model`
            : 'no answer was recorded'
      return { id, accessible: undefined, detail: `not checked: ${why}` }
    }
    if (answer.status === 'valid') return { id, accessible: true, detail: 'accessible' }
    if (answer.cause === 'model-not-accessible') {
      return { id, accessible: false, detail: `not accessible to this key (${evidenceOf(answer)})` }
    }
    return { id, accessible: undefined, detail: `could not check: ${citeAnswer(answer)}` }
  })
}

function failingModelIds(input: DiagnoseInput): string[] {
  return [...(input.models ?? []), ...(input.inference ?? [])]
    .filter(model => model.classification.cause === 'model-not-accessible')
    .map(model => model.id)
}

function primaryProblem(format: KeyFormatReport): FormatProblem {
  return (
    format.problems.find(problem => problem.cause === format.cause) ?? {
      cause: 'unknown-format',
      detail: 'is malformed'
    }
  )
}

/** "project key"; for a key without an OpenAI prefix at another provider, "Azure OpenAI key". */
function describeKeyType(format: KeyFormatReport, provider: ProviderId = 'openai'): string {
  switch (format.keyType) {
    case 'project':
      return 'project key'
    case 'service-account':
      return 'service-account key'
    case 'admin':
      return 'admin key'
    case 'user':
      return 'user key'
    default:
      return provider === 'openai' ? 'key of unknown type' : `${PROVIDERS[provider].name} key`
  }
}

function revokedByOpenAI(input: DiagnoseInput, verdict: Verdict): boolean {
  return (verdict.answer?.provider ?? input.provider ?? 'openai') === 'openai'
}

function committedEvidence(repo: RepoFindings | undefined): RepoFindings['configuredKeyCommitted'] {
  return repo?.configuredKeyCommitted && repo.configuredKeyCommitted.length > 0
    ? repo.configuredKeyCommitted
    : undefined
}

function scrubDiagnosis(diagnosis: Diagnosis, secrets: string[]): Diagnosis {
  const clean = (text: string): string => scrub(text, secrets)
  return {
    ...diagnosis,
    headline: clean(diagnosis.headline),
    explanation: clean(diagnosis.explanation),
    fix: clean(diagnosis.fix),
    notes: diagnosis.notes.map(clean),
    checklist: diagnosis.checklist.map(item => ({
      ...item,
      evidence: clean(item.evidence),
      ...(item.besideVerdict ? { besideVerdict: clean(item.besideVerdict) } : {}),
      ...(item.places ? { places: item.places.map(clean) } : {})
    })),
    models: diagnosis.models.map(model => ({ ...model, detail: clean(model.detail) })),
    ...(diagnosis.serverSaid?.message
      ? { serverSaid: { ...diagnosis.serverSaid, message: clean(diagnosis.serverSaid.message) } }
      : {})
  }
}
