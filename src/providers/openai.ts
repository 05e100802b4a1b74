/**
 * OpenAI (api.openai.com): `Authorization: Bearer sk-…`, `GET /models` (free, always authenticated), error
 * bodies `{"error": {"message", "type", "param", "code"}}`. The rules follow openai-errors.md: status, then
 * `code` (and `type`), then message text, because `code` is null in older bodies. Gateways and Azure's v1 API
 * answer in the same envelope, so they reuse OPENAI_RULES after their own.
 */
import { OPENAI_KEY_PREFIX, OPENAI_MARKER, openAIKeyKind } from './openai-key.js'
import { chatCompletion, codeOrType, get, isJwt, under, verdict, verdictAdding } from './shared.js'
import type { EchoFinding, ErrorAnswer, ErrorRule, Provider, ShapeProblem, Verdict } from './types.js'

/** `type` / `code` values of "valid key, no money": waiting never clears them (§2.12). */
export const OPENAI_QUOTA_CODES: ReadonlySet<string> = new Set([
  'insufficient_quota',
  'organization_usage_limit_exceeded',
  'organization_spend_limit_exceeded',
  'project_spend_limit_exceeded',
  'credit_balance_exhausted'
])

/** A cheap model that stays available for years; what the inference check asks when no model is required. */
export const OPENAI_DEFAULT_INFERENCE_MODEL = 'gpt-4o-mini'

const missingScopes: ErrorRule = answer => {
  const scopes = /Missing scopes?:\s*([\w.]+(?:\s*,\s*[\w.]+)*)/i.exec(answer.message)
  if (!scopes && answer.code !== 'missing_scope') return undefined
  const list = scopes ? scopes[1].split(/\s*,\s*/).map(scope => scope.replace(/\.+$/, '')) : []
  const named = list.length > 0 ? list.map(scope => `\`${scope}\``).join(', ') : 'a permission'
  const why = list.includes('api.model.read')
    ? ' ("Models: Read"), which listing and reading models needs. The key is live and may still work for the calls it is allowed to make'
    : list.includes('model.request')
      ? ' ("Model capabilities: Write"), which every inference call needs. The key is live but cannot call a model'
      : '. The key is live but restricted'
  // The server's words name the scopes, and the explanation what `api.model.read` is for.
  const facts = list.includes('model.request')
    ? 'Every inference call needs `model.request` ("Model capabilities: Write"), so the key cannot call a model.'
    : undefined
  return {
    ...verdict('restricted', 'missing-scopes', `The key lacks ${named}${why}.`, facts),
    missingScopes: list
  }
}

/** An OAuth or Entra access token (a JWT) is no API key: OpenAI answers invalid_issuer or missing scopes. */
const wrongCredential: ErrorRule = answer => {
  const jwtRefused = isJwt(answer.ctx.sentKey) && (answer.status === 401 || answer.status === 403)
  if (
    !jwtRefused &&
    !codeOrType(answer, 'invalid_issuer') &&
    !/not from a valid issuer/i.test(answer.message)
  )
    return undefined
  return verdict(
    'invalid',
    'wrong-credential',
    `The secret is not an API key but an access token (a JWT, such as a ChatGPT or Codex sign-in token, or a token from another issuer), which the API does not accept as a key.`
  )
}

export const OPENAI_RULES: readonly ErrorRule[] = [
  wrongCredential,
  missingScopes,
  answer =>
    codeOrType(answer, 'access_terminated') || /access was terminated/i.test(answer.message)
      ? verdict(
          'invalid',
          'access-terminated',
          `API access was terminated for a policy violation (not a rate limit).`
        )
      : undefined,
  answer =>
    codeOrType(answer, 'billing_not_active') || /account is not active.*billing/i.test(answer.message)
      ? verdict(
          'no-quota',
          'billing-not-active',
          `The key is valid, but billing is not active for its organization.`
        )
      : undefined,
  answer =>
    OPENAI_QUOTA_CODES.has(answer.code) ||
    answer.type === 'insufficient_quota' ||
    /exceeded your current quota/i.test(answer.message)
      ? verdict(
          'no-quota',
          'insufficient-quota',
          'The key is valid, but its organization or project has no quota or credit left.'
        )
      : undefined,
  answer =>
    codeOrType(answer, 'not_authorized_invalid_project') ||
    /project (?:is|has been) archived/i.test(answer.message)
      ? verdict(
          'invalid',
          'project-archived',
          `The key's project is archived (or otherwise no longer valid), so none of its keys work.`
        )
      : undefined,
  answer =>
    answer.code === 'account_deactivated' || /deactivated/i.test(answer.message)
      ? verdict('invalid', 'account-deactivated', `The account that owns the key has been deactivated.`)
      : undefined,
  answer =>
    answer.code === 'no_organization' || /must be a member of an organization/i.test(answer.message)
      ? verdict(
          'invalid',
          'no-organization',
          `The key's user is no longer a member of an organization or project.`
        )
      : undefined,
  answer =>
    answer.code === 'mismatched_organization' ||
    /OpenAI-Organization header should match/i.test(answer.message)
      ? verdictAdding(
          'misconfigured',
          'organization-mismatch',
          whoSentHeader('organization', answer.ctx.organizationSent)
        )
      : undefined,
  answer =>
    answer.code === 'invalid_organization' || /No such organization/i.test(answer.message)
      ? verdictAdding(
          'misconfigured',
          'unknown-organization',
          whoSentHeader('organization', answer.ctx.organizationSent)
        )
      : undefined,
  answer =>
    answer.code === 'mismatched_project' ||
    /OpenAI-Project header should match|No such project/i.test(answer.message)
      ? verdictAdding('misconfigured', 'project-mismatch', whoSentHeader('project', answer.ctx.projectSent))
      : undefined,
  answer =>
    answer.code === 'ip_not_authorized' || /\bIP\b.*not authorized/i.test(answer.message)
      ? verdict(
          'misconfigured',
          'ip-not-authorized',
          `This runner's IP address is not on the IP allowlist of the key's project or organization.`
        )
      : undefined,
  answer =>
    answer.code === 'unsupported_country_region_territory' ||
    /Country, region, or territory not supported/i.test(answer.message)
      ? verdict(
          'misconfigured',
          'unsupported-region',
          `OpenAI does not serve the country or region it locates this runner in.`
        )
      : undefined,
  modelNotAccessible,
  answer => {
    if (!/You didn't provide an API key|Missing bearer or basic authentication/i.test(answer.message))
      return undefined
    if (answer.ctx.sentKey === '') return verdict('missing', 'missing-secret', `No key was sent.`)
    return verdict(
      'misconfigured',
      'auth-header-stripped',
      `The server received no usable key although this step sent one, so something on the way (a proxy, gateway or \`base-url\` that forwards requests) removed or rewrote it.`
    )
  },
  answer => {
    if (answer.code !== 'invalid_api_key' && !/Incorrect API key provided/i.test(answer.message))
      return undefined
    const echo = analyseEcho(answer.message, answer.ctx.sentKey)
    return {
      status: 'invalid',
      cause: 'invalid-api-key',
      detail: `The API does not accept this key.${echo ? ` ${echo.detail}` : ''}`,
      ...(echo ? { echo, facts: echo.detail } : {})
    }
  },
  answer =>
    codeOrType(answer, 'rate_limit_exceeded', 'slow_down', 'rate_limit_error', 'requests', 'tokens') ||
    answer.status === 429
      ? verdict(
          'unreachable',
          'rate-limited',
          `The API recognised the key but the organization is over its rate limit, so the check could not finish.`
        )
      : undefined
]

/** 404/403 `model_not_found`, or a project's model block, for a model this step asked about. */
function modelNotAccessible(answer: ErrorAnswer): Verdict | undefined {
  const { ctx } = answer
  const projectBlock = /^Project\b.*does not have access to model/i.test(answer.message)
  if (
    answer.code !== 'model_not_found' &&
    !projectBlock &&
    !(ctx.model && !ctx.inference && answer.status === 404)
  )
    return undefined
  const model = ctx.model ? `\`${ctx.model}\`` : undefined
  const why = projectBlock
    ? `The key's project is not allowed to use ${model ?? 'the model'}.`
    : `${model ?? 'The model'} does not exist or this key has no access to it.`
  return verdict('restricted', 'model-not-accessible', why)
}

/**
 * Who sent the header the API complained about: the one fact an organization or project mismatch adds to its
 * headline (which names the header and the mismatch) and to the server's words (which the report quotes).
 */
function whoSentHeader(input: 'organization' | 'project', sentByThisStep: boolean): string {
  return sentByThisStep
    ? `This step sent the header, from its \`${input}\` input.`
    : 'This step did not send the header: a proxy or gateway on the way added it.'
}

/**
 * OpenAI echoes what followed `Bearer `: the first 8 and last 4 characters with `*` between, same length,
 * or the whole value when it has 12 characters or fewer (openai-errors.md §2.1). Other masks (`…`, `...`)
 * are compared by their ends only.
 */
function analyseEcho(message: string, sentKey: string): EchoFinding | undefined {
  const echo = /Incorrect API key provided: (.*?)\. You can find your API key/s.exec(message)?.[1]
  if (echo === undefined) return undefined
  const mask = /^(.*?)(\*+|\.{3}|…)(.*)$/s.exec(echo)
  const sameLength = echo.length === sentKey.length
  const matchesSent = mask
    ? sentKey.startsWith(mask[1]) && sentKey.endsWith(mask[3]) && (!mask[2].startsWith('*') || sameLength)
    : echo === sentKey
  const shape = echoShape(echo)
  if (matchesSent) {
    return {
      matchesSent,
      detail: `The server received exactly the ${sentKey.length}-character value this step sent${shape ? `, and that value ${shape}` : ''}.`
    }
  }
  const difference =
    mask && mask[2].startsWith('*') && !sameLength
      ? `${echo.length} characters instead of the ${sentKey.length} sent`
      : 'different first or last characters'
  return {
    matchesSent,
    detail: `The server received a different value than this step sent (${difference}${shape ? `; the value it received ${shape}` : ''}): a proxy or gateway substituted the header, or the app uses a stale key.`
  }
}

/** What the first characters of an echo say about the value the server received. */
function echoShape(echo: string): string | undefined {
  if (/^["'`“‘]/.test(echo)) return 'starts with a quote character'
  if (/^bearer/i.test(echo)) return 'starts with `Bearer`, so the prefix was doubled'
  if (/^https?:/i.test(echo)) return 'is a URL, not a key'
  if (/^(?:\$\{|\$[A-Za-z_]|<|%)/.test(echo)) return 'is an unexpanded variable or a placeholder'
  if (/^(?:undefined|null)$/i.test(echo)) return 'is the text of an unset value such as "undefined"'
  if (/^sk-(?:ant|or)-/.test(echo)) return "is another provider's key"
  if (/^[A-Z][A-Z0-9_]*\**[A-Z0-9_]*$/.test(echo) && echo.includes('_'))
    return 'is an environment-variable name, not a key'
  if (!echo.startsWith(OPENAI_KEY_PREFIX)) return 'does not start with `sk-`'
  return undefined
}

/** The shape of an OpenAI key: `sk-` (with a kind prefix), letters, digits, `-` and `_`, long enough. */
export function openAIKeyShape(candidate: string): ShapeProblem | undefined {
  const unknown = (detail: string): ShapeProblem => ({ cause: 'unknown-format', detail })
  const nonAscii = /[^\x00-\x7f]/.exec(candidate)
  if (nonAscii) {
    return unknown(
      `has the non-ASCII character ${codePoint(nonAscii[0])}${nameOfLookalike(nonAscii[0])} after character ${nonAscii.index}; OpenAI keys contain only letters, digits, \`-\` and \`_\``
    )
  }
  if (/^sk-/i.test(candidate) && !candidate.startsWith(OPENAI_KEY_PREFIX)) {
    return unknown('starts with an upper-case `SK-`; OpenAI keys start with a lower-case `sk-`')
  }
  if (isJwt(candidate)) {
    return unknown(
      'is an access token (a JWT starting `eyJ`), such as a ChatGPT or Codex sign-in token, not an API key'
    )
  }
  const kind = openAIKeyKind(candidate)
  if (!kind) return unknown('does not start with `sk-`, as every OpenAI API key does')
  const bad = /[^A-Za-z0-9_-]/.exec(candidate)
  if (bad) {
    return unknown(
      `contains the character ${JSON.stringify(bad[0])} after character ${bad.index}; OpenAI keys contain only letters, digits, \`-\` and \`_\``
    )
  }
  if (candidate.includes(OPENAI_MARKER)) return undefined
  const body = candidate.slice(kind.prefixLength)
  if (kind.prefixLength === OPENAI_KEY_PREFIX.length && /^[0-9a-f]{32}$/.test(body)) {
    return unknown(
      'is `sk-` followed by 32 hexadecimal digits: the shape of DeepSeek keys and of some gateway keys, not of an OpenAI key'
    )
  }
  if (body.length < 32) {
    return unknown(
      `is too short for an OpenAI key (${candidate.length} characters; OpenAI keys have 51 or more)`
    )
  }
  return undefined
}

export function codePoint(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`
}

function nameOfLookalike(character: string): string {
  if (character === '\u2013') return ' (an en dash, often typed by autocorrect instead of `-`)'
  if (character === '\u2014') return ' (an em dash, often typed by autocorrect instead of `-`)'
  return ''
}

/** The request bodies and paths of the OpenAI API, which OpenAI-compatible servers copy. */
export const openAIRequests = {
  liveness: (baseUrl: URL) => get(under(baseUrl, 'models')),
  // Each segment encoded on its own: provider ids such as `openai/gpt-4o` keep their path.
  model: (baseUrl: URL, model: string) =>
    get(under(baseUrl, `models/${model.split('/').map(encodeURIComponent).join('/')}`)),
  inference: (baseUrl: URL, model: string | undefined) =>
    chatCompletion(
      under(baseUrl, 'chat/completions'),
      model ?? OPENAI_DEFAULT_INFERENCE_MODEL,
      'max_completion_tokens'
    )
}

export const openai: Provider = {
  id: 'openai',
  name: 'OpenAI',
  verifiesOpenAIKeys: true,
  defaultAuth: () => 'bearer',
  livenessRequest: openAIRequests.liveness,
  liveness: 'always',
  modelRequest: openAIRequests.model,
  inferenceRequest: openAIRequests.inference,
  defaultInferenceModel: () => OPENAI_DEFAULT_INFERENCE_MODEL,
  acceptsOtherProviderKeys: false,
  keyShape: openAIKeyShape,
  recognises: error => /platform\.openai\.com|help\.openai\.com/.test(error.message),
  rules: OPENAI_RULES,
  causeTexts: {}
}
