/**
 * The ten causes of seed/openai-401-guide.txt, each with a verdict and the evidence behind it. A verdict
 * is only as strong as the evidence: what the API cannot tell apart stays `likely`, what this step cannot
 * see is `not-checkable`, with the reason.
 */
import { PROVIDERS } from '../providers/registry.js'
import type { ProviderId } from '../providers/types.js'
import type { Classification } from './classify.js'
import type {
  ChecklistId,
  ChecklistItem,
  ChecklistVerdict,
  RepoEvidence,
  RepoFindings,
  RunContext
} from './diagnosis-types.js'
import { CHECKLIST_IDS } from './diagnosis-types.js'
import {
  describeEnvVar,
  isClientSetupEnvVar,
  isOrganizationOrProjectEnvVar,
  isProxyEnvVar
} from './env-influence.js'
import { isVariableMixUp, type KeyFormatReport } from './key-format.js'
import type { Cause } from './vocabulary.js'
import { plural, upperFirst } from './words.js'

export interface ChecklistFacts {
  format: KeyFormatReport
  /** What the API said about the key itself: the cleaned key's answer when there is one, else the raw key's. */
  answer?: Classification
  /** The first required model the API refused to this key (model_not_found). */
  refusedModel?: Classification
  run: RunContext
  liveness: boolean
  /** This step sent OpenAI-Organization / OpenAI-Project (from its inputs). */
  organizationSent: boolean
  projectSent: boolean
  /** Whose keys these are: the provider that answered, else the one at `base-url`. */
  provider: ProviderId
  repo?: RepoFindings
  /** The cause the verdict names: the rows that confirm it are marked, so reports do not say it twice. */
  verdictCause?: Cause
  /** The answer whose status, code and message the verdict quotes: rows shown under it point there. */
  quoted?: Classification
}

const TITLES: Readonly<Record<ChecklistId, string>> = {
  'missing-key': 'Missing API key',
  typo: 'Typographical error',
  placeholder: 'Placeholder key',
  'other-account': 'Key from a different environment or account',
  whitespace: 'Extra whitespace',
  revoked: 'Expired or revoked key',
  'env-var-name': 'Incorrect environment variable name',
  'client-setup': 'Misconfigured API client or library',
  proxy: 'Network proxies or firewalls',
  'outdated-library': 'Outdated client library'
}

/** The verdict, its evidence, and the places the evidence lists (one each), when it is a list of places. */
type Judgement = [ChecklistVerdict, string, string[]?]
type Judge = (facts: ChecklistFacts, cite: Citer) => Judgement

/** How a row cites an answer: by its status and code, or, for the answer the verdict quotes, by pointing there. */
interface Citer {
  /** " (HTTP 401 invalid_api_key)" after a claim; nothing for the quoted answer (the verdict shows it). */
  after(answer: Classification): string
  /** "HTTP 401 invalid_api_key: the key's …"; "The key's …" for the quoted answer. */
  lead(answer: Classification, clause: string): string
  /** What the answer means, with its status and code unless it is the quoted answer. */
  whole(answer: Classification): string
}

function citer(quoted?: Classification): Citer {
  return {
    after: answer => (answer === quoted ? '' : ` (${evidenceOf(answer)})`),
    lead: (answer, clause) => (answer === quoted ? upperFirst(clause) : `${evidenceOf(answer)}: ${clause}`),
    whole: answer => (answer === quoted ? answer.detail : citeAnswer(answer))
  }
}

/** Every answer cited by its status and code: a row read on its own (the JSON report) says what it rests on. */
const IN_FULL = citer()

/** Answers that need the API to have identified the key (a typo or a revoked key cannot produce them). */
const KEY_RECOGNISED: ReadonlySet<Cause> = new Set([
  'none',
  'organization-mismatch',
  'unknown-organization',
  'project-mismatch',
  'ip-not-authorized',
  'project-archived',
  'missing-scopes',
  'model-not-accessible',
  'insufficient-quota',
  'billing-not-active',
  'rate-limited'
])

/** The rows whose `confirmed` evidence is the very fact a verdict of this cause states. */
const ROWS_OF_CAUSE: Partial<Record<Cause, readonly ChecklistId[]>> = {
  'missing-secret': ['missing-key'],
  whitespace: ['whitespace'],
  placeholder: ['placeholder', 'env-var-name'],
  'not-openai-key': ['other-account'],
  // The proxy row confirms these only when a header this step did not send came back: the verdict's cause says so.
  'organization-mismatch': ['other-account', 'proxy'],
  'unknown-organization': ['other-account', 'proxy'],
  'project-mismatch': ['other-account', 'proxy'],
  'account-deactivated': ['revoked'],
  'access-terminated': ['revoked'],
  'project-archived': ['revoked'],
  'auth-scheme-mismatch': ['client-setup'],
  'endpoint-not-found': ['client-setup'],
  'auth-header-stripped': ['proxy'],
  'request-blocked': ['proxy'],
  'gateway-auth-failed': ['proxy']
}

export function buildChecklist(facts: ChecklistFacts): ChecklistItem[] {
  const withheld = withheldReason(facts)
  const verdictRows = (facts.verdictCause && ROWS_OF_CAUSE[facts.verdictCause]) || []
  const pointing = facts.quoted ? citer(facts.quoted) : undefined
  return CHECKLIST_IDS.map(id => {
    const judge = (cite: Citer): Judgement =>
      withheld ? ['not-checkable', withheld] : JUDGES[id](facts, cite)
    const [verdict, evidence, places] = judge(IN_FULL)
    const beside = pointing ? judge(pointing)[1] : evidence
    const verdictCause = verdict === 'confirmed' && verdictRows.includes(id)
    return {
      id,
      title: TITLES[id],
      verdict,
      evidence,
      ...(beside !== evidence ? { besideVerdict: beside } : {}),
      ...(places ? { places } : {}),
      ...(verdictCause ? { verdictCause: true as const } : {})
    }
  })
}

/**
 * An expected skip (a fork pull request, a Dependabot run): GitHub gives this run no secret, so there is nothing
 * to read and no cause to confirm or rule out, least of all a missing key.
 */
function withheldReason(facts: ChecklistFacts): string | undefined {
  const { format, run } = facts
  if (!format.empty) return undefined
  if (run.isForkPullRequest)
    return 'Not checked: GitHub withholds secrets from pull requests opened from forks, so this run has no key to read. That is expected, not a missing key.'
  if (run.isDependabot)
    return 'Not checked: Dependabot runs receive only Dependabot secrets, so this run has no key to read. That is expected, not a missing key.'
  return undefined
}

const JUDGES: Readonly<Record<ChecklistId, Judge>> = {
  'missing-key': facts => {
    const { format, run } = facts
    if (format.empty) {
      if (!run.inActions) return ['confirmed', 'OPENAI_API_KEY is not set (or empty) in this shell.']
      return [
        'confirmed',
        'The step received an empty key: the secret is not set, is set under another name, or is an environment secret used without `environment:`.'
      ]
    }
    if (format.keyType === '') return ['confirmed', 'The secret holds only whitespace or quotes, no key.']
    const stripped =
      facts.answer?.cause === 'auth-header-stripped'
        ? ' But the API received no key, so something on the way removed it (see proxies).'
        : ''
    return ['ruled-out', `The secret is set (${format.fingerprint?.length ?? 0} characters).${stripped}`]
  },

  typo: (facts, cite) => {
    const { format, answer } = facts
    if (format.empty || format.keyType === '') return ['not-checkable', 'There is no key to check.']
    if (answer?.status === 'valid')
      return ['ruled-out', 'The API accepted the key, so its characters are right.']
    if (answer && KEY_RECOGNISED.has(answer.cause)) {
      return [
        'ruled-out',
        `The API recognised the key${cite.after(answer)}, which a mistyped key cannot get.`
      ]
    }
    if (answer?.cause === 'invalid-api-key') {
      const echo = answer.echo?.matchesSent
        ? ' The server received exactly what this step sent, so the secret itself holds a key the API does not know.'
        : ''
      const leaked = committed(facts.repo)
        ? ' The key is committed in the repository, though, which points to revocation rather than a typo.'
        : ''
      return [
        'likely',
        `${cite.lead(answer, 'a mistyped key and a revoked one get the same answer, so both remain possible.')}${echo}${leaked}`
      ]
    }
    const shape = format.problems.find(problem => problem.cause === 'unknown-format')
    if (shape)
      return [
        'likely',
        `The secret ${shape.detail}: a copy that was cut short or altered would look like this.`
      ]
    if (
      format.problems.some(problem => problem.cause === 'placeholder' || problem.cause === 'not-openai-key')
    ) {
      return ['ruled-out', `Not a typo: the secret ${primaryDetail(format)}.`]
    }
    return [
      'not-checkable',
      `Only the API can tell a mistyped key from a real one, and ${noAnswerReason(facts, cite)}.`
    ]
  },

  placeholder: facts => {
    const { format, answer } = facts
    const placeholder = format.problems.find(problem => problem.cause === 'placeholder')
    if (placeholder) return ['confirmed', `The secret ${placeholder.detail}.`]
    if (format.empty || format.keyType === '') return ['not-checkable', 'There is no key to check.']
    const other = format.problems.find(problem => problem.cause === 'not-openai-key')
    if (other) return ['ruled-out', `The secret ${other.detail}, not a placeholder.`]
    const accepted = answer?.status === 'valid' ? ', and the API accepted it' : ''
    const looks =
      format.cause === 'unknown-format'
        ? 'The secret matches none of the known placeholder patterns and has enough randomness'
        : `The secret has the shape of an OpenAI ${format.keyType} key and enough randomness to be real`
    return ['ruled-out', `${looks}${accepted}.`]
  },

  'other-account': (facts, cite) => {
    const { format, answer, run } = facts
    const other = format.problems.find(problem => problem.cause === 'not-openai-key')
    if (other) return ['confirmed', `The secret ${other.detail}.`]
    if (!answer)
      return ['not-checkable', `Only the API can tell whose key it is, and ${noAnswerReason(facts, cite)}.`]
    switch (answer.cause) {
      case 'organization-mismatch':
      case 'unknown-organization':
      case 'project-mismatch':
        return ['confirmed', cite.whole(answer)]
      case 'no-organization':
        return [
          'confirmed',
          cite.lead(
            answer,
            "the key's user is no longer a member of the organization or project it was created in."
          )
        ]
      case 'insufficient-quota':
      case 'billing-not-active':
        return [
          'likely',
          cite.lead(
            answer,
            'the key\'s organization has no usable credit. If credit was bought in another organization (for example "Personal"), the key belongs to the wrong one.'
          )
        ]
      case 'invalid-api-key':
        return [
          'not-checkable',
          `${cite.lead(answer, 'the answer does not say whose key it was.')} A key of another account works unless it was revoked, so compare: ${keysPage(facts)}`
        ]
    }
    if (answer.status === 'valid' && facts.refusedModel) {
      return [
        'likely',
        `The key works, but its project cannot use a required model, so it may belong to another project than the one with access. ${cite.whole(facts.refusedModel)}`
      ]
    }
    if (answer.status === 'valid') {
      const unsent = run.influencingEnvVars.filter(
        name =>
          isOrganizationOrProjectEnvVar(name) &&
          !(name === 'OPENAI_PROJECT_ID' ? facts.projectSent : facts.organizationSent)
      )
      if (unsent.length > 0) {
        return [
          'not-checkable',
          `The key works with the headers this step sends, but ${listNames(unsent)} ${unsent.length === 1 ? 'is' : 'are'} set in this job's environment and your app's SDK sends ${unsent.length === 1 ? 'it' : 'them'}; set this step's \`organization\` / \`project\` inputs to the same values to test that combination.`
        ]
      }
      return [
        'ruled-out',
        `The API accepted the key with the organization and project headers this step sends (${sentHeaders(facts)}).`
      ]
    }
    if (KEY_RECOGNISED.has(answer.cause)) {
      return ['ruled-out', `The API matched the key to its organization and project${cite.after(answer)}.`]
    }
    return ['not-checkable', `Only the API can tell whose key it is, and ${noAnswerReason(facts, cite)}.`]
  },

  whitespace: (facts, cite) => {
    const { format, answer } = facts
    const found = format.problems.filter(problem => problem.cause === 'whitespace')
    if (found.length > 0) {
      const live =
        answer?.status === 'valid' && format.cleaned !== undefined ? ' Without it, the key is live.' : ''
      return ['confirmed', `The secret ${joinDetails(found)}.${live}`]
    }
    if (answer?.cause === 'whitespace') return ['confirmed', cite.whole(answer)]
    if (format.empty) return ['not-checkable', 'There is no key to check.']
    return [
      'ruled-out',
      `No spaces, tabs, line breaks or invisible characters around or inside the ${format.fingerprint?.length ?? 0}-character secret.`
    ]
  },

  revoked: (facts, cite) => {
    const { format, answer, repo } = facts
    if (format.empty || format.keyType === '') return ['not-checkable', 'There is no key to check.']
    if (!answer)
      return [
        'not-checkable',
        `Only the API knows whether a key was revoked, and ${noAnswerReason(facts, cite)}.`
      ]
    const leak = committed(repo)
    switch (answer.cause) {
      case 'account-deactivated':
      case 'access-terminated':
        return ['confirmed', cite.lead(answer, `every key of the account stopped working. ${answer.detail}`)]
      case 'no-organization':
        return [
          'likely',
          cite.lead(
            answer,
            "the key's user was removed from the organization or project, which disables the key."
          )
        ]
      case 'project-archived':
        return [
          'confirmed',
          cite.lead(answer, "the key's project is archived, which disables all of its keys.")
        ]
      case 'invalid-api-key': {
        if (leak && facts.provider === 'openai') {
          return [
            'likely',
            `This key is committed at ${formatLocations(leak)}. OpenAI disables keys it finds published, and a revoked key gets the same answer${cite.after(answer)} as a typo.`
          ]
        }
        const gap = repo?.historyNotFullySearched
        const clean = repo?.checkedHistory
          ? ' The key does not appear in the repository history, so it was not leaked there.'
          : gap
            ? ` The key is not in the ${plural(gap.commits, 'commit')} searched, but older commits were not searched, so a leak there is not ruled out${gap.fix ? `: ${gap.fix}` : ''}.`
            : ''
        return [
          'likely',
          `${cite.lead(answer, 'a revoked or deleted key gets the same answer as a mistyped one.')}${clean}`
        ]
      }
    }
    if (answer.status === 'valid')
      return ['ruled-out', 'The API accepted the key, so it is neither revoked nor expired.']
    if (KEY_RECOGNISED.has(answer.cause))
      return ['ruled-out', `The API recognised the key${cite.after(answer)}, so it is not revoked.`]
    return [
      'not-checkable',
      `Only the API knows whether a key was revoked, and ${noAnswerReason(facts, cite)}.`
    ]
  },

  'env-var-name': facts => {
    const { format, repo } = facts
    const mixUp = format.problems.find(isVariableMixUp)
    if (mixUp) return ['confirmed', `The secret ${mixUp.detail}.`]
    if (repo?.envVarName && repo.envVarName.length > 0) return placesJudgement('likely', repo.envVarName)
    if (repo?.envVarNamesNotChecked) return ['not-checkable', `Not checked: ${repo.envVarNamesNotChecked}.`]
    if (repo?.checkedEnvVarNames && repo.notFullyChecked?.length) return notFullyChecked(repo)
    if (repo?.checkedEnvVarNames) {
      return [
        'ruled-out',
        'The repository checks found no mismatch between the variable names workflows set and the names the code reads.'
      ]
    }
    const empty = format.empty
      ? ' The key is empty, which is what a secret stored under another name looks like.'
      : ''
    return [
      format.empty ? 'likely' : 'not-checkable',
      `This step only sees the secret it is given, and the repository was not read (it runs when the key fails, on the checked-out workspace: check out the repository before this step) to compare the names your workflows set with the names your code reads (for example OPENAI_API_KEY versus OPENAI_KEY).${empty}`
    ]
  },

  'client-setup': (facts, cite) => {
    const { answer, run } = facts
    if (answer?.cause === 'auth-scheme-mismatch' || answer?.cause === 'endpoint-not-found')
      return ['confirmed', cite.whole(answer)]
    const clientVars = run.influencingEnvVars.filter(isClientSetupEnvVar)
    const named = clientVars.map(name => `${name} (${describeEnvVar(name)})`).join('; ')
    if (answer?.status === 'valid' && clientVars.length > 0) {
      return [
        'likely',
        `The key works here, but this job's environment sets ${named}. If your app still gets 401, its client is set up differently from this check.`
      ]
    }
    const vars = named ? ` This job's environment sets ${named}.` : ''
    const works =
      answer?.status === 'valid'
        ? ' The key works, so if your app still gets 401, look at how it creates its client.'
        : ''
    return [
      'not-checkable',
      `This step calls the API directly with the secret, so it tests the key, not how your app builds its client (which variable it reads, which base URL and headers it uses).${works}${vars}`
    ]
  },

  proxy: (facts, cite) => {
    const { answer, run } = facts
    const proxies = run.influencingEnvVars.filter(isProxyEnvVar)
    const through = proxies.length > 0 ? ` through ${listNames(proxies)}` : ''
    if (!answer) return ['not-checkable', `The network path was not tested: ${noAnswerReason(facts, cite)}.`]
    if (
      answer.cause === 'auth-header-stripped' ||
      answer.cause === 'request-blocked' ||
      answer.cause === 'gateway-auth-failed'
    )
      return ['confirmed', `${cite.whole(answer)}${proxyNote(proxies)}`]
    if (answer.echo && !answer.echo.matchesSent)
      return ['confirmed', `${answer.echo.detail}${proxyNote(proxies)}`]
    const headerAdded =
      (answer.cause === 'organization-mismatch' || answer.cause === 'unknown-organization') &&
      !facts.organizationSent
        ? 'OpenAI-Organization'
        : answer.cause === 'project-mismatch' && !facts.projectSent
          ? 'OpenAI-Project'
          : undefined
    if (headerAdded) {
      return [
        'confirmed',
        `The API complained about an ${headerAdded} header that this step did not send: something on the way added it.${proxyNote(proxies)}`
      ]
    }
    if (answer.fromApi) {
      const intact = answer.echo?.matchesSent
        ? 'The server received exactly the key this step sent'
        : 'The API answered this step directly'
      return [
        'ruled-out',
        `${intact}${cite.after(answer)}, over this runner's network path${through}. Another path (your app's host or container) may still differ.`
      ]
    }
    if (answer.httpStatus !== undefined) {
      return [
        'likely',
        `${cite.whole(answer)} Something in front of the API answered instead of the API itself.${proxyNote(proxies)}`
      ]
    }
    if (proxies.length > 0) return ['likely', `${cite.whole(answer)} Requests go${through}.`]
    return [
      'not-checkable',
      `No answer arrived${cite.after(answer)}, so the network path could not be tested.`
    ]
  },

  'outdated-library': facts => {
    const { repo, format } = facts
    if (repo?.outdatedLibrary && repo.outdatedLibrary.length > 0)
      return placesJudgement('likely', repo.outdatedLibrary)
    if (repo?.librariesNotChecked) return ['not-checkable', `Not checked: ${repo.librariesNotChecked}.`]
    if (repo?.checkedLibraries && repo.notFullyChecked?.length) return notFullyChecked(repo)
    if (repo?.checkedLibraries)
      return ['ruled-out', 'The repository checks found no outdated OpenAI SDK versions.']
    const project =
      format.keyType === 'project' || format.keyType === 'service-account'
        ? ' Old SDKs and wrappers that check key formats themselves reject `sk-proj-` and `sk-svcacct-` keys before sending anything.'
        : ''
    return [
      'not-checkable',
      `This step calls the API without an SDK, so it cannot see which library your app uses, and the repository was not read (it runs when the key fails, on the checked-out workspace) to find old pins such as openai<1.0 (Python) or openai<4 (Node).${project}`
    ]
  }
}

function committed(repo: RepoFindings | undefined): RepoEvidence[] | undefined {
  return repo?.configuredKeyCommitted && repo.configuredKeyCommitted.length > 0
    ? repo.configuredKeyCommitted
    : undefined
}

/**
 * The answer with what it means, for text that quotes it on its own (a checklist row, a note, a model's row):
 * "HTTP 401 invalid_api_key: The API does not accept this key." The verdict's own answer is quoted once by the
 * reports' server-said line instead, and its detail is the cause's last words.
 */
export function citeAnswer(answer: Classification): string {
  return answer.httpStatus === undefined ? answer.detail : `${evidenceOf(answer)}: ${answer.detail}`
}

/** "HTTP 401 invalid_api_key", "timeout", "network-error". */
export function evidenceOf(answer: Classification): string {
  if (answer.httpStatus === undefined) return answer.cause
  const from =
    answer.provider === 'openai' || answer.provider === 'compatible'
      ? ''
      : ` from ${PROVIDERS[answer.provider].name}`
  return `HTTP ${answer.httpStatus}${answer.apiCode ? ` ${answer.apiCode}` : ''}${from}`
}

/** Repository checks that found nothing but were cut short rule nothing out. */
function notFullyChecked(repo: RepoFindings): Judgement {
  const why = (repo.notFullyChecked ?? []).map(cut => cut.detail).join('; ')
  return ['not-checkable', `Not fully checked, so nothing is ruled out: ${why}.`]
}

/** How many places a row's evidence names before "and N more". */
const PLACES_SHOWN = 3

/** "a.ts:3 (commit 1a2b3c4): message; b.ts:9 and 2 more". */
function formatEvidence(list: readonly RepoEvidence[]): string {
  const { shown, more } = evidenceParts(list)
  return `${shown.join('; ')}${more > 0 ? ` and ${more} more` : ''}`
}

/** The first PLACES_SHOWN places, one string each, and how many more there are. */
function evidenceParts(list: readonly RepoEvidence[]): { shown: string[]; more: number } {
  const shown = list.slice(0, PLACES_SHOWN).map(item => {
    const commit = item.commit ? ` (commit ${item.commit.slice(0, 7)})` : ''
    return `${item.path}${item.line > 0 ? `:${item.line}` : ''}${commit}${item.message ? `: ${item.message}` : ''}`
  })
  return { shown, more: Math.max(0, list.length - PLACES_SHOWN) }
}

/** A verdict whose evidence is a list of places: the sentence, and the places one by one for line-per-place reports. */
function placesJudgement(verdict: ChecklistVerdict, list: readonly RepoEvidence[]): Judgement {
  const { shown, more } = evidenceParts(list)
  return [verdict, formatEvidence(list), more > 0 ? [...shown, `and ${more} more`] : shown]
}

/** Locations only ("a.ts:3 (commit 1a2b3c4)"): messages about the configured key are not needed to find it. */
export function formatLocations(list: readonly RepoEvidence[]): string {
  return formatEvidence(list.map(item => ({ ...item, message: '' })))
}

export function joinDetails(problems: readonly { detail: string }[]): string {
  const details = problems.map(problem => problem.detail)
  return details.length <= 1
    ? (details[0] ?? '')
    : `${details.slice(0, -1).join(', ')} and ${details[details.length - 1]}`
}

function primaryDetail(format: KeyFormatReport): string {
  return format.problems.find(problem => problem.cause === format.cause)?.detail ?? 'is malformed'
}

function noAnswerReason(facts: ChecklistFacts, cite: Citer): string {
  const { format, answer } = facts
  if (format.empty || format.keyType === '') return 'there is no key'
  if (!facts.liveness) return 'liveness is off'
  if (answer?.cause === 'auth-header-stripped') return `the key never reached the API${cite.after(answer)}`
  if (answer) return `the API gave no usable answer${cite.after(answer)}`
  if (!format.sendable && format.cleaned === undefined)
    return `the secret was not sent, because it ${primaryDetail(format)}`
  return 'the key was not checked live'
}

function sentHeaders(facts: ChecklistFacts): string {
  const sent = [
    facts.organizationSent ? 'OpenAI-Organization' : '',
    facts.projectSent ? 'OpenAI-Project' : ''
  ].filter(Boolean)
  return sent.length > 0 ? `${sent.join(' and ')} from its inputs` : 'none'
}

/** Where the user can see which keys exist, in the provider's terms. */
function keysPage(facts: ChecklistFacts): string {
  switch (facts.provider) {
    case 'openai':
      return `look for a key shown as \`${shortDisplay(facts.format)}\` at https://platform.openai.com/api-keys in the account and project you expect.`
    case 'azure':
    case 'azure-apim':
      return `check that the key is KEY 1 or KEY 2 of the resource \`base-url\` names (Azure portal → the resource → Keys and Endpoint); a key of another resource or region is refused.`
    default:
      return `look for the key in the dashboard of the ${PROVIDERS[facts.provider].name} at \`base-url\`; keys of another gateway or of the provider behind it are refused.`
  }
}

/** How the OpenAI dashboard lists a key: `sk-…abcd`. */
function shortDisplay(format: KeyFormatReport): string {
  const redacted = format.fingerprint?.redacted ?? ''
  const tail = redacted.split('…')[1] ?? ''
  return `sk-…${tail}`
}

function listNames(names: readonly string[]): string {
  return names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}

function proxyNote(proxies: readonly string[]): string {
  return proxies.length > 0 ? ` This job routes requests through ${listNames(proxies)}.` : ''
}
