/**
 * Gateways in front of model APIs, and any other OpenAI-compatible server: Cloudflare AI Gateway, LiteLLM,
 * OpenRouter, Azure API Management, one-api/new-api relays, local servers. They speak OpenAI's request and
 * error format with their own keys, budgets and credentials; their rules come first, then OpenAI's (the
 * errors of the API behind them come through).
 */
import { azure } from './azure.js'
import { OPENAI_DEFAULT_INFERENCE_MODEL, OPENAI_RULES, openAIRequests } from './openai.js'
import { chatCompletion, codeOrType, get, under, verdict, verdictAdding } from './shared.js'
import type { ApiError, ErrorRule, Provider } from './types.js'

/** `type` / `code` values of a gateway's budget or credit being used up (LiteLLM, one-api/new-api, OpenRouter). */
const GATEWAY_QUOTA_CODES: ReadonlySet<string> = new Set([
  'budget_exceeded',
  'insufficient_user_quota',
  'insufficient_credits',
  'pre_consume_token_quota_failed'
])
const GATEWAY_QUOTA_MESSAGES =
  /Budget has been exceeded|exceeded budget|over budget|Insufficient credits|requires more credits|额度不足|余额不足|quota is not enough/i

/** Rules every gateway shares, before OpenAI's. */
const GATEWAY_RULES: readonly ErrorRule[] = [
  answer =>
    answer.status === 402 ||
    codeOrType(answer, ...GATEWAY_QUOTA_CODES) ||
    GATEWAY_QUOTA_MESSAGES.test(answer.message)
      ? verdict(
          'no-quota',
          'insufficient-quota',
          `The gateway recognised the key, but its budget or credit (of the key, its user, team or account) is used up.`
        )
      : undefined,
  answer =>
    codeOrType(answer, 'token_not_found_in_db') ||
    /Invalid proxy server token|Unable to find token|无效的令牌|invalid token|User not found/i.test(
      answer.message
    )
      ? verdict(
          'invalid',
          'invalid-api-key',
          `The gateway does not know this key (it issues its own keys; a key of the provider behind it, or a deleted or mistyped gateway key, is refused).`
        )
      : undefined,
  answer => {
    if (!/No auth credentials found/i.test(answer.message)) return undefined
    if (answer.ctx.sentKey === '') return verdict('missing', 'missing-secret', `No key was sent.`)
    return verdict(
      'misconfigured',
      'auth-header-stripped',
      `The gateway received no key although this step sent one, so something on the way (a proxy, or a \`base-url\` that forwards requests) removed it.`
    )
  }
]

const GATEWAY_TEXTS: Provider['causeTexts'] = {
  'invalid-api-key': {
    title: 'Key rejected by the gateway',
    explanation:
      'The gateway at `base-url` does not accept this key. Gateways issue their own keys: a key that was deleted, expired, mistyped, belongs to another gateway, or is the key of the provider behind the gateway is refused.',
    fix: "Open the gateway's dashboard (its keys or virtual keys page), create or copy a valid key for this gateway, and store it with `gh secret set` under the name your workflow passes as `api-key`."
  },
  'insufficient-quota': {
    title: 'Gateway budget or credit used up',
    explanation:
      'The key is valid, but the gateway refuses requests because a budget or credit (of the key, its user, team or account) is used up. Retrying does not help until someone raises the budget or adds credit.',
    fix: "Raise the budget or add credit in the gateway's dashboard (the key's, user's or team's budget settings, or the account's credits page)."
  },
  'not-openai-key': {
    title: 'Not a key',
    explanation:
      'The secret holds a URL, a token of an unrelated service or other data, not an API key. It was not sent.',
    fix: "Store the gateway's key itself (from its dashboard) with `gh secret set` under the name your workflow passes as `api-key`."
  },
  'auth-header-stripped': {
    fix: 'Check `base-url` and any proxy in front of the gateway: it must forward `Authorization: Bearer <key>` unchanged. Run this step with `base-url` set to the gateway itself to confirm the key works.'
  }
}

function gatewayKeyShape(): undefined {
  return undefined
}

const CLOUDFLARE_AUTH_CODES = new Set(['2009', '10000'])

/** Cloudflare's own envelope: `{"success": false, "errors": [{"code": 2009, "message": "Unauthorized"}]}` (`error` too). */
function parseCloudflareError(record: Record<string, unknown>): ApiError | undefined {
  const list = Array.isArray(record.errors)
    ? record.errors
    : Array.isArray(record.error)
      ? record.error
      : undefined
  const first = list?.find(
    (item): item is Record<string, unknown> => typeof item === 'object' && item !== null
  )
  if (first && (typeof first.code === 'number' || typeof first.code === 'string')) {
    return { code: String(first.code), message: typeof first.message === 'string' ? first.message : '' }
  }
  if (record.name === 'AiGatewayError' || record.internalCode !== undefined) {
    return {
      code: String(record.internalCode ?? ''),
      type: 'AiGatewayError',
      message: typeof record.message === 'string' ? record.message : ''
    }
  }
  return undefined
}

export const cloudflare: Provider = {
  id: 'cloudflare',
  name: 'Cloudflare AI Gateway',
  verifiesOpenAIKeys: true,
  defaultAuth: () => 'bearer',
  livenessRequest: openAIRequests.liveness,
  liveness: 'control',
  modelRequest: openAIRequests.model,
  inferenceRequest: openAIRequests.inference,
  defaultInferenceModel: () => OPENAI_DEFAULT_INFERENCE_MODEL,
  gatewayHeader: {
    name: 'cf-aig-authorization',
    value: token => (/^Bearer\s/i.test(token) ? token : `Bearer ${token}`)
  },
  acceptsOtherProviderKeys: true,
  keyShape: gatewayKeyShape,
  parseError: parseCloudflareError,
  recognises: (error, status) =>
    error.type === 'AiGatewayError' || (status === 401 && CLOUDFLARE_AUTH_CODES.has(error.code ?? '')),
  rules: [
    answer =>
      answer.type === 'AiGatewayError' ||
      CLOUDFLARE_AUTH_CODES.has(answer.code) ||
      /cf-aig-authorization/i.test(answer.message)
        ? verdictAdding(
            'misconfigured',
            'gateway-auth-failed',
            `The Cloudflare AI Gateway is an authenticated gateway and wants its own token in the \`cf-aig-authorization\` header; ${answer.ctx.gatewayTokenSent ? 'it refused the token this step sent' : 'this step sent none'}.`
          )
        : undefined,
    ...GATEWAY_RULES,
    ...OPENAI_RULES
  ],
  causeTexts: {
    ...GATEWAY_TEXTS,
    'gateway-auth-failed': {
      fix: 'In the Cloudflare dashboard, open AI → AI Gateway → your gateway → Settings → Authenticated Gateway and create an authentication token. Store it as a secret and pass it as `gateway-token: ${{ secrets.CF_AIG_TOKEN }}` (this step sends it as `cf-aig-authorization: Bearer <token>`); your app must send the same header. Gateways created since 2026-11-03 always require it.'
    }
  }
}

export const litellm: Provider = {
  id: 'litellm',
  name: 'LiteLLM proxy',
  verifiesOpenAIKeys: false,
  defaultAuth: () => 'bearer',
  livenessRequest: openAIRequests.liveness,
  liveness: 'control',
  modelRequest: openAIRequests.model,
  inferenceRequest: (baseUrl, model) =>
    model ? chatCompletion(under(baseUrl, 'chat/completions'), model, 'max_tokens') : undefined,
  defaultInferenceModel: () => undefined,
  acceptsOtherProviderKeys: true,
  keyShape: gatewayKeyShape,
  recognises: error =>
    error.type === 'token_not_found_in_db' ||
    error.type === 'budget_exceeded' ||
    /Invalid proxy server token|LiteLLM/i.test(error.message),
  rules: [...GATEWAY_RULES, ...OPENAI_RULES],
  causeTexts: {
    ...GATEWAY_TEXTS,
    'invalid-api-key': {
      ...GATEWAY_TEXTS['invalid-api-key'],
      fix: 'In the LiteLLM admin UI (Virtual Keys) or with `POST /key/generate`, create a key for this proxy and store it with `gh secret set`; the proxy answers "Invalid proxy server token" for keys it does not have in its database.'
    }
  }
}

export const openrouter: Provider = {
  id: 'openrouter',
  name: 'OpenRouter',
  verifiesOpenAIKeys: false,
  defaultAuth: () => 'bearer',
  // The models list answers without authentication; `GET /key` needs the key and tells its credit.
  livenessRequest: baseUrl => get(under(baseUrl, 'key')),
  liveness: 'always',
  modelRequest: () => undefined,
  inferenceRequest: (baseUrl, model) =>
    chatCompletion(under(baseUrl, 'chat/completions'), model ?? 'openai/gpt-4o-mini', 'max_tokens'),
  defaultInferenceModel: () => 'openai/gpt-4o-mini',
  acceptsOtherProviderKeys: true,
  keyShape: gatewayKeyShape,
  recognises: error => /openrouter/i.test(error.message),
  rules: [...GATEWAY_RULES, ...OPENAI_RULES],
  successVerdict: value => {
    const data = value.data as Record<string, unknown> | undefined
    const remaining = data?.limit_remaining
    return typeof remaining === 'number' && remaining <= 0
      ? verdict(
          'no-quota',
          'insufficient-quota',
          `The key is valid, but its credit limit is used up (limit_remaining ${remaining}).`,
          `OpenRouter reports limit_remaining ${remaining} for the key.`
        )
      : undefined
  },
  causeTexts: {
    ...GATEWAY_TEXTS,
    'invalid-api-key': {
      ...GATEWAY_TEXTS['invalid-api-key'],
      fix: 'Create a key at https://openrouter.ai/settings/keys (keys start with `sk-or-v1-`) and store it with `gh secret set OPENROUTER_API_KEY`; pass it as `api-key`.'
    },
    'insufficient-quota': {
      ...GATEWAY_TEXTS['insufficient-quota'],
      fix: "Add credits at https://openrouter.ai/settings/credits, or raise the key's credit limit at https://openrouter.ai/settings/keys. Credits belong to the account or organization the key was created in."
    }
  }
}

export const azureApim: Provider = {
  ...azure,
  id: 'azure-apim',
  name: 'Azure API Management',
  verifiesOpenAIKeys: false,
  liveness: 'control',
  gatewayHeader: { name: 'Ocp-Apim-Subscription-Key', value: token => token },
  acceptsOtherProviderKeys: true,
  keyShape: gatewayKeyShape,
  rules: [
    answer =>
      /invalid subscription key/i.test(answer.message) && answer.ctx.gatewayTokenSent
        ? verdictAdding(
            'misconfigured',
            'gateway-auth-failed',
            `Azure API Management refused the subscription key this step sent in \`${answer.ctx.gatewayHeader ?? 'Ocp-Apim-Subscription-Key'}\`.`
          )
        : undefined,
    ...azure.rules
  ],
  causeTexts: {
    ...azure.causeTexts,
    'gateway-auth-failed': {
      fix: 'In the Azure portal, open the API Management instance → Subscriptions, copy a key of a subscription that includes this API, store it as a secret and pass it as `gateway-token` (sent as `Ocp-Apim-Subscription-Key`, or in the header named by `gateway-header`, such as `api-key` when the API is configured to read it there).'
    }
  }
}

export const compatible: Provider = {
  id: 'compatible',
  name: 'OpenAI-compatible server',
  verifiesOpenAIKeys: true,
  defaultAuth: () => 'bearer',
  livenessRequest: openAIRequests.liveness,
  liveness: 'control',
  modelRequest: openAIRequests.model,
  inferenceRequest: (baseUrl, model) =>
    chatCompletion(under(baseUrl, 'chat/completions'), model ?? OPENAI_DEFAULT_INFERENCE_MODEL, 'max_tokens'),
  defaultInferenceModel: () => OPENAI_DEFAULT_INFERENCE_MODEL,
  acceptsOtherProviderKeys: true,
  keyShape: gatewayKeyShape,
  rules: [...GATEWAY_RULES, ...OPENAI_RULES],
  causeTexts: GATEWAY_TEXTS
}
