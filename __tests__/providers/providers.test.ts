/** Provider detection, how the key is sent, where requests go, and each provider's error rules on real answers. */
import { describe, expect, it } from '@jest/globals'
import { classifyProbe } from '../../src/core/classify.js'
import { diagnose } from '../../src/core/diagnose.js'
import { analyzeKeyFormat } from '../../src/core/key-format.js'
import type { ProbeContext } from '../../src/core/probe.js'
import { azureEndpoint } from '../../src/providers/azure.js'
import {
  authSchemeFor,
  causeInfoFor,
  detectProvider,
  gatewayCredentialFor,
  PROVIDERS
} from '../../src/providers/registry.js'
import type { ProviderId } from '../../src/providers/types.js'
import * as openaiBodies from '../fixtures/openai-bodies.js'
import * as bodies from '../fixtures/provider-bodies.js'
import type { Fixture } from '../helpers/fake-openai.js'
import { makeKey } from '../helpers/keys.js'
import { PUSH_RUN } from '../core/scenario.js'
import { InputError, parseSettings } from '../../src/settings/action-inputs.js'
import { parseCliArgs } from '../../src/settings/cli-args.js'

const OPENAI_KEY = makeKey('project', 3)
const AZURE_KEY = 'a3f1c9e07b5d42e8916c0fd2b7a8e35c'
const ENTRA_TOKEN =
  'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2NvZ25pdGl2ZXNlcnZpY2VzIn0.c2lnbmF0dXJl'

function classify(
  fixture: Fixture | openaiBodies.OpenAIResponseFixture,
  provider: ProviderId,
  ctx: Partial<ProbeContext> = {}
) {
  const body = typeof fixture.body === 'string' ? fixture.body : JSON.stringify(fixture.body)
  return classifyProbe(
    { kind: 'response', status: fixture.status, body, requestId: 'req_1', attempts: 1 },
    { sentKey: OPENAI_KEY, organizationSent: false, projectSent: false, ...ctx },
    PROVIDERS[provider]
  )
}

describe('provider detection', () => {
  it.each([
    ['https://api.openai.com/v1', 'openai'],
    ['https://contoso.openai.azure.com/openai/v1', 'azure'],
    ['https://contoso.cognitiveservices.azure.com', 'azure'],
    ['https://contoso.services.ai.azure.com/openai/v1/', 'azure'],
    [
      'https://contoso-apim.azure-api.net/aoai/openai/deployments/gpt4o/chat/completions?api-version=2024-10-21',
      'azure-apim'
    ],
    ['https://gateway.ai.cloudflare.com/v1/acct/gw/openai', 'cloudflare'],
    ['https://openrouter.ai/api/v1', 'openrouter'],
    ['http://127.0.0.1:4000/v1', 'compatible'],
    ['https://llm.example.com/v1', 'compatible']
  ])('recognises %s as %s', (baseUrl, id) => {
    expect(detectProvider(baseUrl).id).toBe(id)
  })

  it('lets the provider input override the host', () => {
    expect(detectProvider('http://127.0.0.1:4000/v1', 'azure').id).toBe('azure')
    expect(detectProvider('https://api.openai.com/v1', 'litellm').id).toBe('litellm')
  })
})

describe('how the key is sent', () => {
  it('sends an Azure resource key as api-key and an Entra token as Bearer, unless told otherwise', () => {
    expect(authSchemeFor(PROVIDERS.azure, AZURE_KEY)).toBe('api-key')
    expect(authSchemeFor(PROVIDERS.azure, ENTRA_TOKEN)).toBe('bearer')
    expect(authSchemeFor(PROVIDERS.azure, AZURE_KEY, 'bearer')).toBe('bearer')
    expect(authSchemeFor(PROVIDERS.openai, OPENAI_KEY)).toBe('bearer')
    expect(authSchemeFor(PROVIDERS.openai, OPENAI_KEY, 'api-key')).toBe('api-key')
  })

  it("puts a gateway token in the provider's header, or the one named", () => {
    expect(gatewayCredentialFor(PROVIDERS.cloudflare, 'cf-token', '')).toEqual({
      header: 'cf-aig-authorization',
      value: 'Bearer cf-token'
    })
    expect(gatewayCredentialFor(PROVIDERS['azure-apim'], 'sub', '')).toEqual({
      header: 'Ocp-Apim-Subscription-Key',
      value: 'sub'
    })
    expect(gatewayCredentialFor(PROVIDERS.compatible, 'tok', 'x-gateway-key')).toEqual({
      header: 'x-gateway-key',
      value: 'tok'
    })
    expect(gatewayCredentialFor(PROVIDERS.compatible, 'tok', '')).toBeNull()
    expect(gatewayCredentialFor(PROVIDERS.cloudflare, '', '')).toBeUndefined()
  })
})

describe('where the requests go', () => {
  const url = (baseUrl: string, id: ProviderId): string =>
    PROVIDERS[id].livenessRequest(new URL(baseUrl)).url.toString()

  it('asks an endpoint that checks the key', () => {
    expect(url('https://api.openai.com/v1', 'openai')).toBe('https://api.openai.com/v1/models')
    expect(url('https://openrouter.ai/api/v1', 'openrouter')).toBe('https://openrouter.ai/api/v1/key')
    expect(url('https://r.openai.azure.com/openai/v1', 'azure')).toBe(
      'https://r.openai.azure.com/openai/v1/models'
    )
    expect(
      url(
        'https://r.openai.azure.com/openai/deployments/chat4/chat/completions?api-version=2024-06-01',
        'azure'
      )
    ).toBe('https://r.openai.azure.com/openai/models?api-version=2024-06-01')
    expect(url('https://r.openai.azure.com', 'azure')).toBe(
      'https://r.openai.azure.com/openai/models?api-version=2024-10-21'
    )
  })

  it('names the Azure deployment for the inference check, and spends nothing elsewhere', () => {
    const base = new URL(
      'https://r.openai.azure.com/openai/deployments/chat4/chat/completions?api-version=2024-06-01'
    )
    expect(azureEndpoint(base)).toMatchObject({ deployment: 'chat4', v1: false, apiVersion: '2024-06-01' })
    const request = PROVIDERS.azure.inferenceRequest(base, undefined)
    expect(request?.url.toString()).toBe(
      'https://r.openai.azure.com/openai/deployments/chat4/chat/completions?api-version=2024-06-01'
    )
    expect(request?.body).toMatchObject({ max_completion_tokens: 1 })
    expect(PROVIDERS.azure.livenessRequest(base).body).toBeUndefined()
    expect(
      PROVIDERS.azure.inferenceRequest(new URL('https://r.openai.azure.com/openai/v1'), undefined)
    ).toBeUndefined()
  })
})

describe('key format follows the provider', () => {
  it('accepts an Azure resource key at Azure and refuses to send it to OpenAI', () => {
    expect(analyzeKeyFormat(AZURE_KEY, PROVIDERS.azure)).toMatchObject({ cause: 'none', sendable: true })
    expect(analyzeKeyFormat(AZURE_KEY, PROVIDERS.openai)).toMatchObject({
      cause: 'not-openai-key',
      sendable: false
    })
  })

  it('refuses to send an OpenAI key to Azure, in Azure words', () => {
    const format = analyzeKeyFormat(OPENAI_KEY, PROVIDERS.azure)
    expect(format).toMatchObject({ cause: 'not-openai-key', sendable: false })
    expect(causeInfoFor('not-openai-key', 'azure').fix).toMatch(/Keys and Endpoint/)
  })

  it("sends a gateway's own key, and other providers' keys to a gateway, but never to api.openai.com", () => {
    const litellmKey = 'sk-1234abcd'
    const openrouterKey = `sk-or-v1-${'0a1b2c3d'.repeat(8)}`
    expect(analyzeKeyFormat(litellmKey, PROVIDERS.litellm)).toMatchObject({ cause: 'none', sendable: true })
    expect(analyzeKeyFormat(openrouterKey, PROVIDERS.openrouter)).toMatchObject({
      cause: 'none',
      sendable: true
    })
    expect(analyzeKeyFormat(openrouterKey, PROVIDERS.openai)).toMatchObject({
      cause: 'not-openai-key',
      sendable: false
    })
    expect(analyzeKeyFormat('https://example.com/v1', PROVIDERS.compatible)).toMatchObject({
      sendable: false
    })
  })
})

describe('each provider reads its own answers', () => {
  it.each([
    ['Azure firewall 403', bodies.AZURE_FIREWALL_403, 'azure', 'misconfigured', 'ip-not-authorized'],
    ['Azure VNet 403', bodies.AZURE_VNET_403, 'azure', 'misconfigured', 'ip-not-authorized'],
    [
      'Azure DeploymentNotFound',
      bodies.AZURE_DEPLOYMENT_NOT_FOUND,
      'azure',
      'misconfigured',
      'endpoint-not-found'
    ],
    ['Azure RBAC PermissionDenied', bodies.AZURE_PERMISSION_DENIED, 'azure', 'restricted', 'missing-scopes'],
    ['Azure key sent as Bearer', bodies.AZURE_ENTRA_401, 'azure', 'misconfigured', 'auth-scheme-mismatch'],
    [
      'Azure key auth disabled',
      bodies.AZURE_KEY_AUTH_DISABLED,
      'azure',
      'misconfigured',
      'auth-scheme-mismatch'
    ],
    ['Azure token limit', bodies.AZURE_RATE_LIMITED, 'azure', 'unreachable', 'rate-limited'],
    ['Azure invalid key', openaiBodies.AZURE_INVALID_KEY, 'azure', 'invalid', 'invalid-api-key'],
    [
      'APIM without subscription key',
      bodies.APIM_MISSING_SUBSCRIPTION_KEY,
      'azure-apim',
      'misconfigured',
      'gateway-auth-failed'
    ],
    [
      'Cloudflare 2009',
      bodies.CLOUDFLARE_AIG_UNAUTHORIZED,
      'cloudflare',
      'misconfigured',
      'gateway-auth-failed'
    ],
    [
      'Cloudflare 10000',
      bodies.CLOUDFLARE_AUTHENTICATION_ERROR,
      'cloudflare',
      'misconfigured',
      'gateway-auth-failed'
    ],
    ['Cloudflare block page', bodies.CLOUDFLARE_BLOCK_PAGE, 'compatible', 'unreachable', 'request-blocked'],
    ['LiteLLM unknown key', bodies.LITELLM_UNKNOWN_KEY, 'litellm', 'invalid', 'invalid-api-key'],
    ['LiteLLM budget (400)', bodies.LITELLM_BUDGET_EXCEEDED, 'litellm', 'no-quota', 'insufficient-quota'],
    [
      'LiteLLM model budget (429)',
      bodies.LITELLM_MODEL_BUDGET_429,
      'litellm',
      'no-quota',
      'insufficient-quota'
    ],
    [
      'OpenRouter 402',
      bodies.OPENROUTER_INSUFFICIENT_CREDITS,
      'openrouter',
      'no-quota',
      'insufficient-quota'
    ],
    [
      'OpenRouter no credentials',
      bodies.OPENROUTER_NO_AUTH,
      'openrouter',
      'misconfigured',
      'auth-header-stripped'
    ],
    [
      'OpenRouter key used up',
      bodies.OPENROUTER_KEY_NO_CREDIT,
      'openrouter',
      'no-quota',
      'insufficient-quota'
    ],
    ['OpenRouter key with credit', bodies.OPENROUTER_KEY_INFO, 'openrouter', 'valid', 'none'],
    ['relay user quota', bodies.RELAY_USER_QUOTA, 'compatible', 'no-quota', 'insufficient-quota'],
    ['invalid_issuer', bodies.INVALID_ISSUER, 'openai', 'invalid', 'wrong-credential'],
    ['archived project', bodies.PROJECT_ARCHIVED, 'openai', 'invalid', 'project-archived'],
    ['missing model.request', bodies.MISSING_MODEL_REQUEST_SCOPE, 'openai', 'restricted', 'missing-scopes']
  ] as const)('%s', (_name, fixture, provider, status, cause) => {
    expect(classify(fixture, provider)).toMatchObject({ status, cause })
  })

  it('recognises Azure and LiteLLM answers behind an unknown host', () => {
    expect(classify(bodies.AZURE_FIREWALL_403, 'compatible')).toMatchObject({
      provider: 'azure',
      cause: 'ip-not-authorized'
    })
    expect(classify(bodies.LITELLM_UNKNOWN_KEY, 'compatible')).toMatchObject({
      provider: 'litellm',
      cause: 'invalid-api-key'
    })
    expect(classify(openaiBodies.INVALID_API_KEY, 'compatible')).toMatchObject({ provider: 'openai' })
  })

  it('treats an OpenAI ChatGPT sign-in token as the wrong credential', () => {
    expect(
      classify(openaiBodies.MISSING_SCOPES_ERROR_STRING, 'openai', { sentKey: ENTRA_TOKEN })
    ).toMatchObject({
      status: 'invalid',
      cause: 'wrong-credential'
    })
  })

  it('never reads a 2xx as valid when a made-up credential was accepted too', () => {
    const result = classifyProbe(
      { kind: 'response', status: 200, body: '{"object":"list","data":[]}', attempts: 1, unproven: true },
      { sentKey: OPENAI_KEY, organizationSent: false, projectSent: false },
      PROVIDERS.compatible
    )
    expect(result).toMatchObject({ status: 'unchecked', cause: 'none' })
    expect(result.detail).toMatch(/could not be verified/)
  })
})

describe('verdicts in the provider’s words, with what the server said', () => {
  const diagnoseAnswer = (fixture: Fixture, provider: ProviderId, key = OPENAI_KEY) => {
    const format = analyzeKeyFormat(key, PROVIDERS[provider])
    return diagnose({
      format,
      live: classify(fixture, provider, { sentKey: key }),
      provider,
      run: PUSH_RUN,
      settings: {
        apiKey: key,
        organization: '',
        project: '',
        liveness: true,
        requiredModels: [],
        inferenceCheck: false,
        gatewayToken: ''
      }
    })
  }

  it.each([
    [
      'the Bearer scheme Azure read as a token',
      bodies.AZURE_ENTRA_401,
      'azure',
      AZURE_KEY,
      /went as `Authorization: Bearer`/
    ],
    [
      'key auth disabled',
      bodies.AZURE_KEY_AUTH_DISABLED,
      'azure',
      AZURE_KEY,
      /Key-based authentication is disabled/
    ],
    [
      'the missing APIM subscription key',
      bodies.APIM_MISSING_SUBSCRIPTION_KEY,
      'azure',
      AZURE_KEY,
      /the request carried none/
    ],
    [
      'the missing Cloudflare token',
      bodies.CLOUDFLARE_AIG_UNAUTHORIZED,
      'cloudflare',
      'sk-1234abcd',
      /this step sent none/
    ],
    [
      "OpenRouter's credit left",
      bodies.OPENROUTER_KEY_NO_CREDIT,
      'openrouter',
      'sk-or-v1-abc',
      /limit_remaining 0/
    ]
  ] as const)(
    'keeps what an answer adds to its cause in the cause: %s',
    (_name, fixture, provider, key, fact) => {
      const diagnosis = diagnoseAnswer(fixture, provider, key)
      expect(diagnosis.explanation).toMatch(fact)
    }
  )

  it('never tells a gateway or Azure user to create a key at platform.openai.com', () => {
    for (const [fixture, provider, key] of [
      [bodies.LITELLM_UNKNOWN_KEY, 'litellm', 'sk-1234abcd'],
      [openaiBodies.AZURE_INVALID_KEY, 'azure', AZURE_KEY],
      [bodies.AZURE_FIREWALL_403, 'azure', AZURE_KEY],
      [bodies.OPENROUTER_INSUFFICIENT_CREDITS, 'openrouter', 'sk-or-v1-abc']
    ] as const) {
      const diagnosis = diagnoseAnswer(fixture, provider, key)
      expect(diagnosis.fix).not.toMatch(/platform\.openai\.com/)
    }
  })

  it('does not blame OpenAI leak detection for an Azure key committed to the repository', () => {
    const format = analyzeKeyFormat(AZURE_KEY, PROVIDERS.azure)
    const diagnosis = diagnose({
      format,
      live: classify(openaiBodies.AZURE_INVALID_KEY, 'azure', { sentKey: AZURE_KEY, auth: 'api-key' }),
      provider: 'azure',
      run: PUSH_RUN,
      settings: {
        apiKey: AZURE_KEY,
        organization: '',
        project: '',
        liveness: true,
        requiredModels: [],
        inferenceCheck: false,
        gatewayToken: ''
      },
      repo: { configuredKeyCommitted: [{ path: 'app.env', line: 3, message: '' }], checkedHistory: true }
    })
    const text = [
      diagnosis.explanation,
      diagnosis.fix,
      ...diagnosis.checklist.map(item => item.evidence)
    ].join('\n')
    expect(text).not.toMatch(/leak detection|OpenAI disables|platform\.openai\.com/)
    expect(diagnosis.checklist.find(item => item.id === 'other-account')?.evidence).toMatch(
      /Keys and Endpoint/
    )
  })

  it('shows the status once, the code and the message, and never "403 403"', () => {
    const diagnosis = diagnoseAnswer(bodies.AZURE_FIREWALL_403, 'azure', AZURE_KEY)
    expect(diagnosis.headline).toBe('Azure network rules block the runner')
    expect(diagnosis.headline).not.toMatch(/403 403/)
    expect(diagnosis.serverSaid).toEqual({
      httpStatus: 403,
      message: 'Access denied due to Virtual Network/Firewall rules.'
    })
    expect(diagnoseAnswer(bodies.LITELLM_BUDGET_EXCEEDED, 'litellm', 'sk-1234abcd').serverSaid).toEqual({
      httpStatus: 400,
      // The code repeats the status, so the error's type stands in for it.
      code: 'auth_error',
      message: 'Budget has been exceeded! Current cost: 0.0010747, Max budget: 0.0'
    })
  })
})

describe('inputs and flags', () => {
  it('reads provider, auth-scheme, the gateway credential and inference-check, with safe defaults', () => {
    const defaults = parseSettings(() => '')
    expect(defaults).toMatchObject({
      provider: 'auto',
      authScheme: 'auto',
      gatewayToken: '',
      gatewayHeader: '',
      inferenceCheck: false
    })
    const inputs: Record<string, string> = {
      provider: 'Azure',
      'auth-scheme': 'api-key',
      'gateway-token': ' tok \n',
      'gateway-header': 'Ocp-Apim-Subscription-Key',
      'inference-check': 'true'
    }
    expect(parseSettings(name => inputs[name] ?? '')).toMatchObject({
      provider: 'azure',
      authScheme: 'api-key',
      gatewayToken: 'tok',
      gatewayHeader: 'Ocp-Apim-Subscription-Key',
      inferenceCheck: true
    })
  })

  it('names the input and its values when one is wrong', () => {
    expect(() => parseSettings(name => (name === 'provider' ? 'aws' : ''))).toThrow(
      "Input 'provider' must be one of auto, openai, azure, azure-apim, cloudflare, litellm, openrouter, compatible"
    )
    expect(() => parseSettings(name => (name === 'gateway-header' ? 'bad header: x' : ''))).toThrow(
      InputError
    )
  })

  it('takes the same settings from CLI flags, and the gateway token only from the environment', () => {
    const options = parseCliArgs(
      ['--provider', 'cloudflare', '--auth-scheme', 'bearer', '--inference-check'],
      { OPENAI_API_KEY: OPENAI_KEY, OPENAI_KEY_DOCTOR_GATEWAY_TOKEN: 'cf-token' },
      false
    )
    expect(options.settings).toMatchObject({
      provider: 'cloudflare',
      authScheme: 'bearer',
      gatewayToken: 'cf-token',
      inferenceCheck: true
    })
    expect(parseCliArgs([], {}, false).settings.inferenceCheck).toBe(false)
    expect(() => parseCliArgs(['--provider', 'nope'], {}, false)).toThrow(/--provider must be one of/)
  })
})
