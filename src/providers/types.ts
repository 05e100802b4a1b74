/**
 * A provider is a place in the code: everything this tool knows about one kind of server at `base-url`
 * (its key format, how a request is made, how its error bodies are parsed, its ordered error rules, its
 * quota codes and its cause texts) lives in that provider's module. The HTTP client, the retry policy and
 * the classifier take a provider; adding one touches this folder only.
 */
import type { CauseInfo } from '../core/causes.js'
import type { ProbeContext } from '../core/probe.js'
import type { Cause, KeyStatus } from '../core/vocabulary.js'

export const PROVIDER_IDS = [
  'openai',
  'azure',
  'azure-apim',
  'cloudflare',
  'litellm',
  'openrouter',
  'compatible'
] as const
export type ProviderId = (typeof PROVIDER_IDS)[number]

/** `Authorization: Bearer <key>` or Azure's `api-key: <key>`. */
export const AUTH_SCHEMES = ['bearer', 'api-key'] as const
export type AuthScheme = (typeof AUTH_SCHEMES)[number]

/** An error answer, whatever envelope it came in. */
export interface ApiError {
  code?: string
  type?: string
  message: string
}

/** What one answer says about the key: a key-status, a cause and the detail in plain words. */
export interface Verdict {
  status: KeyStatus
  cause: Cause
  /**
   * What the answer means, in one or more sentences. Never the HTTP status, code or message (the
   * classification's own fields, which reports show once) and never the key.
   */
  detail: string
  /**
   * What this answer adds to its cause's explanation (who sent the header, what the echo shows, a page's title):
   * the verdict's cause appends it. Absent when `detail` says only what the explanation already says.
   */
  facts?: string
  missingScopes?: string[]
  echo?: EchoFinding
}

export interface EchoFinding {
  /** The echo is what OpenAI would show for exactly the key this step sent. */
  matchesSent: boolean
  /** What the echo reveals, in plain words, without the key. */
  detail: string
}

/** One error answer as the rules see it. */
export interface ErrorAnswer {
  status: number
  /** '' when the body has none. */
  code: string
  type: string
  message: string
  ctx: ProbeContext
}

/** An ordered error rule: the first that answers decides. */
export type ErrorRule = (answer: ErrorAnswer) => Verdict | undefined

/** A request to make: GET unless it has a JSON body. */
export interface ProviderRequest {
  url: URL
  body?: Record<string, unknown>
}

/**
 * Whether a 2xx on the liveness request proves that the key was checked: `always` (the endpoint never answers
 * without a valid credential), or `control` (only when a request with a made-up credential is refused, or the
 * answer carries OpenAI's own response headers, which show the request reached OpenAI).
 */
export type LivenessProof = 'always' | 'control'

/** A shape problem of the key for this provider, completing "The secret …". */
export interface ShapeProblem {
  cause: 'not-openai-key' | 'unknown-format'
  detail: string
}

export interface Provider {
  id: ProviderId
  /** "Azure OpenAI", "Cloudflare AI Gateway". */
  name: string
  /** How the key goes when `auth-scheme` is `auto`. */
  defaultAuth(key: string): AuthScheme
  /** The request whose answer says whether the key works; spends nothing. */
  livenessRequest(baseUrl: URL): ProviderRequest
  liveness: LivenessProof
  /** `GET …/models/{id}`; undefined where the provider has no such endpoint. */
  modelRequest(baseUrl: URL, model: string): ProviderRequest | undefined
  /** One minimal billable request for `model`; undefined when no model can be named. */
  inferenceRequest(baseUrl: URL, model: string | undefined): ProviderRequest | undefined
  /** The model the inference check asks for when `required-models` is empty, if any. */
  defaultInferenceModel(baseUrl: URL): string | undefined
  /** The gateway's own credential header when `gateway-header` is not set, and how the token goes in it. */
  gatewayHeader?: { name: string; value: (token: string) => string }
  /** Found OpenAI keys can be verified here: the server is OpenAI or relays to it (verify-leaks). */
  verifiesOpenAIKeys: boolean
  /** Keys of other LLM providers (Anthropic, Groq, …) are sent: a gateway routes them to those providers. */
  acceptsOtherProviderKeys: boolean
  /** What is wrong with the shape of a key for this provider; undefined when it looks right. */
  keyShape(key: string): ShapeProblem | undefined
  /** The provider's own error envelopes (beyond OpenAI's `{"error": {…}}`), from a parsed JSON object. */
  parseError?(record: Record<string, unknown>): ApiError | undefined
  /** The answer is recognisably this provider's (used when `provider: auto` meets an unknown host). */
  recognises?(error: ApiError, status: number): boolean
  /** Checked in order; the first verdict wins. */
  rules: readonly ErrorRule[]
  /** What a 2xx JSON answer to the liveness request says beyond "valid" (credit left, for one). */
  successVerdict?(value: Record<string, unknown>): Verdict | undefined
  /** The cause texts in this provider's words, where they differ from src/core/causes.ts. */
  causeTexts: Partial<Record<Cause, Partial<Pick<CauseInfo, 'title' | 'explanation' | 'fix'>>>>
}
