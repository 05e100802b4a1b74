/**
 * Azure OpenAI (`*.openai.azure.com`, `*.cognitiveservices.azure.com`, `*.services.ai.azure.com`): a resource key
 * in an `api-key` header, or a Microsoft Entra ID token as Bearer. Two API styles: the classic
 * `/openai/deployments/<deployment>/…?api-version=` and the v1 API at `/openai/v1/`. Its own error shapes:
 * `{"error": {"code": "401", "message": …}}` (no type) and `{"statusCode": 401, "message": …}`.
 */
import { OPENAI_KEY_PREFIX } from './openai-key.js'
import { OPENAI_RULES } from './openai.js'
import { chatCompletion, get, isJwt, verdict, verdictAdding } from './shared.js'
import type { ApiError, ErrorRule, Provider, ProviderRequest, ShapeProblem } from './types.js'

/** The GA api-version used when `base-url` names none (classic API only). */
export const AZURE_DEFAULT_API_VERSION = '2024-10-21'

interface AzureEndpoint {
  /** Origin plus whatever path precedes `/openai` (an API Management API suffix, for one). */
  root: string
  v1: boolean
  deployment?: string
  apiVersion: string
}

/** Reads the resource, the API style, the deployment and the api-version out of `base-url`. */
export function azureEndpoint(baseUrl: URL): AzureEndpoint {
  const path = baseUrl.pathname
  const at = path.search(/\/openai(?:\/|$)/)
  const prefix = (at === -1 ? path : path.slice(0, at)).replace(/\/+$/, '')
  const deployment = /\/openai\/deployments\/([^/]+)/.exec(path)?.[1]
  return {
    root: `${baseUrl.origin}${prefix}`,
    v1: /\/openai\/v1(?:\/|$)/.test(path),
    ...(deployment ? { deployment: decodeURIComponent(deployment) } : {}),
    apiVersion: baseUrl.searchParams.get('api-version') || AZURE_DEFAULT_API_VERSION
  }
}

function classic(endpoint: AzureEndpoint, path: string): URL {
  const url = new URL(`${endpoint.root}/openai/${path}`)
  url.searchParams.set('api-version', endpoint.apiVersion)
  return url
}

function livenessRequest(baseUrl: URL): ProviderRequest {
  const endpoint = azureEndpoint(baseUrl)
  return get(endpoint.v1 ? new URL(`${endpoint.root}/openai/v1/models`) : classic(endpoint, 'models'))
}

function inferenceRequest(baseUrl: URL, model: string | undefined): ProviderRequest | undefined {
  const endpoint = azureEndpoint(baseUrl)
  const deployment = model ?? endpoint.deployment
  if (!deployment) return undefined
  return endpoint.v1
    ? chatCompletion(
        new URL(`${endpoint.root}/openai/v1/chat/completions`),
        deployment,
        'max_completion_tokens'
      )
    : chatCompletion(
        classic(endpoint, `deployments/${encodeURIComponent(deployment)}/chat/completions`),
        deployment,
        'max_completion_tokens'
      )
}

function keyShape(candidate: string): ShapeProblem | undefined {
  if (isJwt(candidate)) return undefined
  if (candidate.startsWith(OPENAI_KEY_PREFIX)) {
    return {
      cause: 'not-openai-key',
      detail:
        "is an OpenAI-style key (`sk-…`), but `base-url` is an Azure OpenAI endpoint, which takes the Azure resource's own key"
    }
  }
  if (/^[A-Za-z0-9]{32,}$/.test(candidate)) return undefined
  return {
    cause: 'unknown-format',
    detail:
      'has neither the shape of an Azure resource key (32 hexadecimal characters, or a longer key of letters and digits) nor that of a Microsoft Entra ID token'
  }
}

/** `{"statusCode": 401, "message": "…"}` (Entra and API Management). */
export function parseAzureError(record: Record<string, unknown>): ApiError | undefined {
  if (typeof record.statusCode === 'number' && typeof record.message === 'string') {
    return { code: String(record.statusCode), message: record.message }
  }
  return undefined
}

const AZURE_MESSAGES =
  /subscription key|Virtual Network|Access token is missing|Principal does not have access|lacks the required data action|API deployment for this resource|Key based authentication is disabled|call volume quota/i

export function recognisesAzure(error: ApiError): boolean {
  const bareCode =
    error.code !== undefined && error.type === undefined && /^(?:\d{3}|[A-Z][A-Za-z]+)$/.test(error.code)
  return (
    AZURE_MESSAGES.test(error.message) ||
    (bareCode && /^(?:401|403|404|Unauthorized|PermissionDenied|DeploymentNotFound)$/.test(error.code ?? ''))
  )
}

export const AZURE_RULES: readonly ErrorRule[] = [
  answer =>
    /missing subscription key/i.test(answer.message)
      ? verdictAdding(
          'misconfigured',
          'gateway-auth-failed',
          `Azure API Management in front of the resource wants its own subscription key, and the request carried none.`
        )
      : undefined,
  answer => {
    if (!/Access token is missing|audience is incorrect|invalid audience/i.test(answer.message))
      return undefined
    const detail =
      (answer.ctx.auth ?? 'bearer') === 'bearer' && !isJwt(answer.ctx.sentKey)
        ? 'The key went as `Authorization: Bearer`, which Azure reads as a Microsoft Entra ID token; a resource key goes in the `api-key` header'
        : 'Azure did not accept the Entra ID token: it is expired, or issued for another audience than `https://cognitiveservices.azure.com`'
    return verdictAdding('misconfigured', 'auth-scheme-mismatch', `${detail}.`)
  },
  answer =>
    /Key based authentication is disabled|AuthenticationTypeDisabled/i.test(
      `${answer.code} ${answer.message}`
    )
      ? verdictAdding(
          'misconfigured',
          'auth-scheme-mismatch',
          `Key-based authentication is disabled on this Azure resource; it accepts Microsoft Entra ID tokens only.`
        )
      : undefined,
  answer =>
    /invalid subscription key or wrong API endpoint/i.test(answer.message)
      ? verdict(
          'invalid',
          'invalid-api-key',
          `Azure does not accept this key for this endpoint: it belongs to another resource, was regenerated, or \`base-url\` names the wrong resource or region.`
        )
      : undefined,
  answer =>
    answer.status === 403 &&
    /Virtual Network|Firewall|private endpoint|public (?:network )?access is disabled|traffic denied/i.test(
      answer.message
    )
      ? verdict(
          'misconfigured',
          'ip-not-authorized',
          `The Azure resource's network rules (virtual network, private endpoint or firewall) do not admit this runner.`
        )
      : undefined,
  answer =>
    /PermissionDenied/.test(answer.code) ||
    /Principal does not have access|lacks the required data action/i.test(answer.message)
      ? {
          status: 'restricted',
          cause: 'missing-scopes',
          detail: `The Entra identity behind the token has no role on the resource that allows this call (it needs "Cognitive Services OpenAI User" or higher).`,
          missingScopes: []
        }
      : undefined,
  answer =>
    answer.code === 'DeploymentNotFound' ||
    /API deployment for this resource does not exist/i.test(answer.message)
      ? verdict(
          'misconfigured',
          'endpoint-not-found',
          `The resource has no deployment named ${answer.ctx.model ? `\`${answer.ctx.model}\`` : 'as in `base-url`'} (deployment names are chosen when deploying, and differ from model names).`,
          answer.ctx.model ? `The resource has no deployment named \`${answer.ctx.model}\`.` : undefined
        )
      : undefined,
  answer =>
    /call volume quota|quota exceeded/i.test(answer.message) && answer.status !== 429
      ? verdict(
          'no-quota',
          'insufficient-quota',
          `The Azure resource has used up its quota; Azure restores it on the date the message names, or when the quota is raised.`,
          'Azure restores the quota on the date its message names.'
        )
      : undefined,
  answer =>
    answer.status === 429 && /rate limit|daily|tokens per|requests per/i.test(answer.message)
      ? verdict(
          'unreachable',
          'rate-limited',
          `Azure recognised the key but the deployment is over its rate or daily token limit, so the check could not finish.`
        )
      : undefined,
  ...OPENAI_RULES
]

const PORTAL_KEYS =
  'In the Azure portal, open the resource → Resource Management → Keys and Endpoint, copy KEY 1 and the Endpoint, store the key with `gh secret set AZURE_OPENAI_API_KEY` and set `base-url` to that endpoint'

export const azure: Provider = {
  id: 'azure',
  name: 'Azure OpenAI',
  verifiesOpenAIKeys: false,
  defaultAuth: key => (isJwt(key) ? 'bearer' : 'api-key'),
  livenessRequest,
  liveness: 'always',
  modelRequest: () => undefined,
  inferenceRequest,
  defaultInferenceModel: baseUrl => azureEndpoint(baseUrl).deployment,
  acceptsOtherProviderKeys: false,
  keyShape,
  parseError: parseAzureError,
  recognises: recognisesAzure,
  rules: AZURE_RULES,
  causeTexts: {
    'invalid-api-key': {
      title: 'Key rejected by Azure OpenAI',
      explanation:
        'Azure does not accept this key at this endpoint: the key belongs to another Azure resource, it was regenerated (which disables the old one), or `base-url` names another resource or region than the key’s.',
      fix: `${PORTAL_KEYS}. Both keys shown there work; regenerating one disables its old value.`
    },
    'not-openai-key': {
      title: 'Not a key for this Azure endpoint',
      explanation:
        "`base-url` is an Azure OpenAI endpoint, but the secret holds an OpenAI key or another provider's key or data. Azure accepts only the resource's own keys and Microsoft Entra ID tokens. It was not sent.",
      fix: `${PORTAL_KEYS}. To check an OpenAI key instead, remove \`base-url\` (it defaults to \`https://api.openai.com/v1\`).`
    },
    'unknown-format': {
      explanation:
        'The secret has neither the shape of an Azure resource key (32 hexadecimal characters, or a longer key of letters and digits) nor that of a Microsoft Entra ID token: it is cut short or altered.',
      fix: `${PORTAL_KEYS}.`
    },
    'missing-scopes': {
      title: 'Entra identity lacks a role on the resource',
      explanation:
        'The Microsoft Entra ID token is valid, but its identity has no role assignment on the Azure OpenAI resource that allows this call.',
      fix: 'In the Azure portal, open the resource → Access control (IAM) → Add role assignment, and give the identity (the workflow’s service principal or managed identity) "Cognitive Services OpenAI User". Role assignments take a few minutes to apply.'
    },
    'ip-not-authorized': {
      title: 'Azure network rules block the runner',
      explanation:
        "The Azure resource accepts requests only from selected virtual networks, private endpoints or firewall IP ranges, and this runner's address is not among them. GitHub-hosted runners use many, changing IP addresses.",
      fix: "In the Azure portal, open the resource → Resource Management → Networking: add the runner's egress IP range under Firewall, or run the job on a self-hosted runner inside the allowed virtual network (with the private endpoint's DNS)."
    },
    'auth-scheme-mismatch': {
      fix: 'Send a resource key in the `api-key` header (`auth-scheme: api-key`, or `auto`, the default, which does so for keys that are not tokens). Send a Microsoft Entra ID token as Bearer (`auth-scheme: bearer`), issued for `https://cognitiveservices.azure.com`. If key-based authentication is disabled on the resource (Networking/Keys: "disableLocalAuth"), only Entra ID tokens work.'
    },
    'endpoint-not-found': {
      explanation:
        'Azure answered 404: `base-url` names a deployment the resource does not have (deployment names are chosen when deploying a model and often differ from the model name), an `api-version` the resource does not serve, or a path that is not an Azure OpenAI API.',
      fix: 'In the Azure AI Foundry portal, open the resource → Deployments and copy the deployment name. Use `https://<resource>.openai.azure.com/openai/v1` as `base-url` (no api-version needed), or the classic `…/openai/deployments/<deployment>/chat/completions?api-version=2024-10-21`.'
    },
    'insufficient-quota': {
      explanation:
        'The key is valid, but the Azure resource or deployment has used up its quota, so requests are refused until it is restored or raised.',
      fix: 'In the Azure AI Foundry portal, open Quotas and raise the deployment’s tokens-per-minute quota, or request more quota for the subscription and region.'
    },
    'rate-limited': {
      explanation:
        'Azure recognised the key but refused the request because the deployment is over its tokens-per-minute, requests-per-minute or daily token limit, even after waiting and retrying.',
      fix: 'Re-run the job later, or raise the deployment’s quota in the Azure AI Foundry portal (Deployments → Edit → Tokens per minute).'
    },
    'model-not-accessible': {
      explanation:
        'The key works, but a deployment listed in `required-models` is not available: on Azure, `required-models` names deployments.',
      fix: 'Check the deployment names in the Azure AI Foundry portal (Deployments) and list those in `required-models`.'
    }
  }
}
