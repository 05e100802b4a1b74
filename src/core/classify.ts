/**
 * Turns what one probe came back with into a key-status and cause (design.md's table), in plain words.
 * Order follows openai-errors.md §7: HTTP status, then `error.code` (and `type`), then message text,
 * because `code` is null in older bodies. Nothing here prints the key: API messages are scrubbed, and
 * the masked echo in "Incorrect API key provided: …" is compared with the sent key, never shown whole.
 */
import type { ProbeContext, ProbeOutcome } from './probe.js'
import { redact, scrub } from './redact.js'
import type { Cause, KeyStatus } from './vocabulary.js'

export interface EchoFinding {
  /** The echo is what OpenAI would show for exactly the key this step sent. */
  matchesSent: boolean
  /** What the echo reveals, in plain words, without the key. */
  detail: string
}

export interface Classification {
  status: KeyStatus
  cause: Cause
  /** Plain words, with the HTTP status, code and request id where there are any. Never contains the key. */
  detail: string
  httpStatus?: number
  requestId?: string
  apiCode?: string
  /** The API's message, scrubbed of the key and of any unmasked echo. */
  apiMessage?: string
  missingScopes?: string[]
  /** Present on `invalid_api_key` answers that echo the received credential. */
  echo?: EchoFinding
  /** True when the answer is an OpenAI-style JSON answer (an error envelope or a model list), not a proxy page. */
  fromApi: boolean
  /** The answer came from Azure OpenAI or Azure API Management, not from OpenAI. */
  azure?: boolean
  attempts: number
}

interface ApiError {
  code?: string
  type?: string
  message: string
}

type ParsedBody =
  | { kind: 'error'; error: ApiError; azure: boolean }
  | { kind: 'success-json'; value: Record<string, unknown> }
  | { kind: 'html'; title?: string }
  | { kind: 'unreadable'; error?: ApiError }
  | { kind: 'empty' }

const QUOTA_CODES: ReadonlySet<string> = new Set([
  'insufficient_quota',
  'organization_usage_limit_exceeded',
  'organization_spend_limit_exceeded',
  'project_spend_limit_exceeded',
  'credit_balance_exhausted'
])
const MAX_MESSAGE_LENGTH = 600

export function classifyProbe(outcome: ProbeOutcome, ctx: ProbeContext): Classification {
  const attempts = outcome.attempts
  const tries = attempts > 1 ? ` after ${attempts} attempts` : ''
  if (outcome.kind === 'timeout') {
    return {
      status: 'unreachable',
      cause: 'timeout',
      detail: `No answer within ${formatSeconds(outcome.timeoutMs)}${tries}; the key could not be checked.`,
      fromApi: false,
      attempts
    }
  }
  if (outcome.kind === 'network-error') return classifyNetworkError(outcome, ctx)

  const secrets = [ctx.sentKey, ctx.sentKey.trim()]
  const requestId = safeRequestId(outcome.requestId)
  const parsed = parseBody(outcome.body)
  const error = parsed.kind === 'error' || parsed.kind === 'unreadable' ? parsed.error : undefined
  const apiMessage = error ? cleanMessage(error.message, secrets) : ''
  const base = {
    httpStatus: outcome.status,
    ...(requestId ? { requestId } : {}),
    ...(error?.code ? { apiCode: error.code } : {}),
    ...(apiMessage ? { apiMessage } : {}),
    attempts
  }
  const requestIdText = requestId ? ` (request id ${requestId})` : ''
  const where = `HTTP ${outcome.status}${requestIdText}`

  if (error) {
    const truncated = parsed.kind === 'unreadable' ? ', truncated body' : ''
    const fromApi = parsed.kind === 'error'
    if (parsed.kind === 'error' && parsed.azure) {
      return { ...base, ...azureVerdict(where), fromApi, azure: true }
    }
    const marker =
      error.code ?? (error.type && error.type !== 'invalid_request_error' ? error.type : undefined)
    const label = `HTTP ${outcome.status}${marker ? ` ${marker}` : ''}${truncated}${requestIdText}`
    const apiVerdict = classifyApiError(outcome.status, error, ctx, label, tries)
    if (apiVerdict) return { ...base, ...apiVerdict, fromApi }
  }

  if (outcome.status >= 200 && outcome.status < 300) {
    if (parsed.kind === 'success-json' && looksLikeModels(parsed.value)) {
      const what = ctx.model ? `the model \`${ctx.model}\` is accessible` : 'the key is valid'
      return { ...base, status: 'valid', cause: 'none', detail: `${where}: ${what}.`, fromApi: true }
    }
    return {
      ...base,
      status: 'unreachable',
      cause: 'server-error',
      detail: `${where}, but the answer is not an OpenAI model list (${describeBody(parsed)}): \`base-url\` probably points at a web page or a service that is not an OpenAI-compatible API.`,
      fromApi: false
    }
  }
  return { ...base, ...unrecognised(outcome.status, parsed, where, ctx, tries) }
}

function classifyNetworkError(
  outcome: Extract<ProbeOutcome, { kind: 'network-error' }>,
  ctx: ProbeContext
): Classification {
  const message = cleanMessage(outcome.message, [ctx.sentKey, ctx.sentKey.trim()])
  const base = { fromApi: false, attempts: outcome.attempts }
  if (outcome.code === 'INVALID_HEADER' && !/organization|project/i.test(outcome.message)) {
    return {
      ...base,
      status: 'malformed',
      cause: 'whitespace',
      detail:
        'The HTTP client refused to send the key: it contains a line break, control or non-Latin-1 character that a header cannot carry. Nothing was sent.'
    }
  }
  const hint =
    outcome.code === 'INVALID_URL'
      ? ' Check `base-url`.'
      : outcome.code === 'PROXY_ERROR'
        ? ' The proxy (HTTPS_PROXY / HTTP_PROXY) refused or failed the connection.'
        : ''
  const tries = outcome.attempts > 1 ? ` after ${outcome.attempts} attempts` : ''
  return {
    ...base,
    status: 'unreachable',
    cause: 'network-error',
    detail: `The request did not reach the API${tries}: ${outcome.code}${message ? ` (${message})` : ''}.${hint}`
  }
}

type Verdict = Pick<Classification, 'status' | 'cause' | 'detail'> &
  Partial<Pick<Classification, 'missingScopes' | 'echo'>>

/** The body is an API error envelope: decide by code and type first, then by message text. */
function classifyApiError(
  status: number,
  error: ApiError,
  ctx: ProbeContext,
  label: string,
  tries: string
): Verdict | undefined {
  const code = error.code ?? ''
  const type = error.type ?? ''
  const message = error.message
  const is = (...values: string[]): boolean => values.includes(code) || values.includes(type)

  const scopes = /Missing scopes?:\s*([\w.]+(?:\s*,\s*[\w.]+)*)/i.exec(message)
  if (scopes || code === 'missing_scope') {
    const missingScopes = scopes ? scopes[1].split(/\s*,\s*/).map(scope => scope.replace(/\.+$/, '')) : []
    const list =
      missingScopes.length > 0 ? missingScopes.map(scope => `\`${scope}\``).join(', ') : 'a permission'
    const modelRead = missingScopes.includes('api.model.read')
      ? ' ("Models: Read"), which listing and reading models needs. The key is live and may still work for the calls it is allowed to make'
      : '. The key is live but restricted'
    return {
      status: 'restricted',
      cause: 'missing-scopes',
      detail: `${label}: the key lacks ${list}${modelRead}.`,
      missingScopes
    }
  }
  if (is('access_terminated') || /access was terminated/i.test(message)) {
    return verdict(
      'invalid',
      'access-terminated',
      `${label}: API access was terminated for a policy violation (not a rate limit).`
    )
  }
  if (is('billing_not_active') || /account is not active.*billing/i.test(message)) {
    return verdict(
      'no-quota',
      'billing-not-active',
      `${label}: the key is valid, but billing is not active for its organization.`
    )
  }
  if (
    QUOTA_CODES.has(code) ||
    type === 'insufficient_quota' ||
    /exceeded your current quota/i.test(message)
  ) {
    return verdict(
      'no-quota',
      'insufficient-quota',
      `${label}: the key is valid, but its organization or project has no quota or credit left.`
    )
  }
  if (code === 'account_deactivated' || /deactivated/i.test(message)) {
    return verdict(
      'invalid',
      'account-deactivated',
      `${label}: the account that owns the key has been deactivated.`
    )
  }
  if (code === 'no_organization' || /must be a member of an organization/i.test(message)) {
    return verdict(
      'invalid',
      'no-organization',
      `${label}: the key's user is no longer a member of an organization or project.`
    )
  }
  if (code === 'mismatched_organization' || /OpenAI-Organization header should match/i.test(message)) {
    return verdict(
      'misconfigured',
      'organization-mismatch',
      `${label}: ${headerSource('OpenAI-Organization', ctx.organizationSent)} names an organization the key does not belong to.`
    )
  }
  if (code === 'invalid_organization' || /No such organization/i.test(message)) {
    return verdict(
      'misconfigured',
      'unknown-organization',
      `${label}: ${headerSource('OpenAI-Organization', ctx.organizationSent)} names an organization that does not exist.`
    )
  }
  if (code === 'mismatched_project' || /OpenAI-Project header should match|No such project/i.test(message)) {
    return verdict(
      'misconfigured',
      'project-mismatch',
      `${label}: ${headerSource('OpenAI-Project', ctx.projectSent)} names a project the key does not belong to.`
    )
  }
  if (code === 'ip_not_authorized' || /\bIP\b.*not authorized/i.test(message)) {
    return verdict(
      'misconfigured',
      'ip-not-authorized',
      `${label}: this runner's IP address is not on the IP allowlist of the key's project or organization.`
    )
  }
  if (
    code === 'unsupported_country_region_territory' ||
    /Country, region, or territory not supported/i.test(message)
  ) {
    return verdict(
      'misconfigured',
      'unsupported-region',
      `${label}: OpenAI does not serve the country or region it locates this runner in.`
    )
  }
  if (code === 'model_not_found' || (ctx.model && status === 404)) {
    const model = ctx.model ? `\`${ctx.model}\`` : 'the model'
    const why = /^Project\b/.test(message)
      ? `the key's project is not allowed to use ${model}`
      : `${model} does not exist or this key has no access to it`
    return verdict('restricted', 'model-not-accessible', `${label}: ${why}.`)
  }
  if (/You didn't provide an API key|Missing bearer or basic authentication/i.test(message)) {
    if (ctx.sentKey === '') return verdict('missing', 'missing-secret', `${label}: no key was sent.`)
    return verdict(
      'misconfigured',
      'auth-header-stripped',
      `${label}: the API received no usable \`Authorization: Bearer\` header although this step sent one, so something on the way (a proxy, gateway or \`base-url\` that forwards requests) removed or rewrote it.`
    )
  }
  if (code === 'invalid_api_key' || /Incorrect API key provided/i.test(message)) {
    const echo = analyseEcho(message, ctx.sentKey)
    return {
      status: 'invalid',
      cause: 'invalid-api-key',
      detail: `${label}: the API does not accept this key.${echo ? ` ${echo.detail}` : ''}`,
      ...(echo ? { echo } : {})
    }
  }
  if (is('rate_limit_exceeded', 'slow_down', 'rate_limit_error', 'requests', 'tokens') || status === 429) {
    return verdict(
      'unreachable',
      'rate-limited',
      `${label}${tries}: the API recognised the key but the organization is over its rate limit, so the check could not finish.`
    )
  }
  return undefined
}

function verdict(status: KeyStatus, cause: Cause, detail: string): Verdict {
  return { status, cause, detail }
}

function headerSource(header: string, sentByThisStep: boolean): string {
  return sentByThisStep
    ? `the ${header} header this step sent`
    : `an ${header} header that this step did not send (a proxy or gateway added it)`
}

function azureVerdict(label: string): Verdict {
  return verdict(
    'invalid',
    'invalid-api-key',
    `${label}: the answer comes from Azure OpenAI or Azure API Management, not from OpenAI. \`base-url\` points at Azure, which needs the Azure resource's own key and its regional endpoint; an OpenAI \`sk-\` key is not valid there. Use https://api.openai.com/v1 for an OpenAI key, or an Azure key for Azure.`
  )
}

/** No rule matched: say what came back, with the status and request id, without guessing further. */
function unrecognised(
  status: number,
  parsed: ParsedBody,
  where: string,
  ctx: ProbeContext,
  tries: string
): Verdict & { fromApi: boolean } {
  const body = describeBody(parsed)
  const fromApi = parsed.kind === 'error'
  if (status === 401) {
    return {
      ...verdict(
        'invalid',
        'invalid-api-key',
        `${where} with ${body}: the server rejected the credentials without saying why. If \`base-url\` points at a gateway, it may want its own key.`
      ),
      fromApi
    }
  }
  if (status === 429) {
    return {
      ...verdict(
        'unreachable',
        'rate-limited',
        `${where}${tries} with ${body}: rate limited; the key could not be checked.`
      ),
      fromApi
    }
  }
  const hint =
    status === 404 && !ctx.model
      ? ' `base-url` has no `/models` endpoint: it probably lacks the `/v1` part or points at the wrong service.'
      : status === 407
        ? ' A proxy in front of the API requires its own authentication.'
        : parsed.kind === 'html'
          ? ' An HTML page comes from a proxy, gateway or web server in front of the API, not from the OpenAI API.'
          : ''
  return {
    ...verdict(
      'unreachable',
      'server-error',
      `${where}${tries} with ${body}; the key could not be checked.${hint}`
    ),
    fromApi
  }
}

function describeBody(parsed: ParsedBody): string {
  switch (parsed.kind) {
    case 'empty':
      return 'an empty body'
    case 'html':
      return parsed.title ? `an HTML page titled "${parsed.title}"` : 'an HTML page'
    case 'unreadable':
      return 'a body that is not valid JSON (truncated or not from the API)'
    case 'error':
      return parsed.error.code ? `the unrecognised error code ${parsed.error.code}` : 'an unrecognised error'
    case 'success-json':
      return 'an unexpected JSON answer'
  }
}

function parseBody(body: string): ParsedBody {
  const text = body.trim()
  if (text === '') return { kind: 'empty' }
  if (/^<(?:!doctype|html|head|body|\?xml)/i.test(text) || /<\/html>/i.test(text)) {
    const title = /<title[^>]*>([^<]{1,120})<\/title>/i.exec(text)?.[1].replace(/\s+/g, ' ').trim()
    return { kind: 'html', ...(title ? { title: plainText(title) } : {}) }
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { kind: 'unreadable', ...salvage(text) }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { kind: 'unreadable' }
  const record = value as Record<string, unknown>
  const error = record.error
  if (typeof error === 'string') return { kind: 'error', error: { message: error }, azure: false }
  if (error !== null && typeof error === 'object' && !Array.isArray(error)) {
    const fields = error as Record<string, unknown>
    const code = stringField(fields.code)
    const azure = (code === '401' || code === 'Unauthorized') && fields.type === undefined
    return {
      kind: 'error',
      error: { code, type: stringField(fields.type), message: stringField(fields.message) ?? '' },
      azure: azure || /invalid subscription key/i.test(stringField(fields.message) ?? '')
    }
  }
  // Azure Entra / APIM: `{"statusCode": 401, "message": "..."}`
  if (typeof record.statusCode === 'number' && typeof record.message === 'string') {
    return { kind: 'error', error: { message: record.message }, azure: true }
  }
  // The inner error object on its own, as some SDKs and relays print it.
  if (typeof record.message === 'string' && ('code' in record || 'type' in record)) {
    return {
      kind: 'error',
      error: { code: stringField(record.code), type: stringField(record.type), message: record.message },
      azure: false
    }
  }
  return { kind: 'success-json', value: record }
}

/** Best effort on a cut-off JSON body: the code and message text, if they made it through. */
function salvage(text: string): { error?: ApiError } {
  const code = /"code"\s*:\s*"([\w-]{1,64})"/.exec(text)?.[1]
  const message = /"message"\s*:\s*"((?:[^"\\]|\\.)*)/.exec(text)?.[1]
  if (!code && !message) return {}
  return { error: { code, message: message ?? '' } }
}

function stringField(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value
  if (typeof value === 'number') return String(value)
  return undefined
}

function looksLikeModels(value: Record<string, unknown>): boolean {
  return (
    Array.isArray(value.data) ||
    value.object === 'list' ||
    value.object === 'model' ||
    typeof value.id === 'string'
  )
}

/** Scrubs the key, then replaces the credential OpenAI echoes (whole when 12 characters or fewer) by a redaction. */
function cleanMessage(message: string, secrets: readonly string[]): string {
  const scrubbed = scrub(message, secrets).replace(
    /(Incorrect API key provided: )(.*?)(\. You can find|$)/s,
    (_whole, before: string, echo: string, after: string) => before + maskEcho(echo) + after
  )
  const plain = plainText(scrubbed)
  return plain.length > MAX_MESSAGE_LENGTH ? `${plain.slice(0, MAX_MESSAGE_LENGTH)}…` : plain
}

function maskEcho(echo: string): string {
  if (echo.includes('*')) return echo.replace(/\*{2,}/g, '…')
  return echo.includes('…') ? echo : redact(echo)
}

/** Control characters would break log lines and annotations. */
function plainText(text: string): string {
  return text.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, ' ')
}

function safeRequestId(requestId: string | undefined): string | undefined {
  return requestId && /^[\w.:-]{1,128}$/.test(requestId) ? requestId : undefined
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`
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
  if (!echo.startsWith('sk-')) return 'does not start with `sk-`'
  return undefined
}
