/**
 * Contract tests of providers and the inference check: the built action against a loopback server that answers
 * as Azure OpenAI, a gateway or OpenAI would. No key or gateway credential may appear in any channel.
 */
import { describe, expect, it } from '@jest/globals'
import {
  BILLING_NOT_ACTIVE,
  INSUFFICIENT_QUOTA,
  PROJECT_MODEL_NOT_ALLOWED
} from '../fixtures/openai-bodies.js'
import * as bodies from '../fixtures/provider-bodies.js'
import { actionSession } from '../helpers/action-session.js'
import { modelsListFixture, respond } from '../helpers/fake-openai.js'
import { makeKey } from '../helpers/keys.js'
import { expectNoKey } from '../helpers/no-key.js'
import type { ActionRun } from '../helpers/runner-harness.js'
import { fillerCommits, pullRequest } from './leak-scan-support.js'

const KEY = makeKey('project', 21)
const AZURE_KEY = 'a3f1c9e07b5d42e8916c0fd2b7a8e35c'
const GATEWAY_TOKEN = 'cfut_Q2xvdWRmbGFyZUdhdGV3YXlUb2tlbjEyMw'
const session = actionSession({ validKeys: [KEY], models: ['gpt-4o-mini', 'gpt-4o'] })

async function doctor(inputs: Record<string, string>, path = '/v1'): Promise<ActionRun> {
  return session.run({ inputs: { 'base-url': `${session.fake.origin}${path}`, scan: 'none', ...inputs } })
}

/** The summary as a reader sees it: Markdown escapes removed. */
const shown = (run: ActionRun): string => run.summary.replace(/\\(.)/g, '$1')

const posts = (): number => session.fake.requests.filter(request => request.method === 'POST').length

describe('Azure OpenAI', () => {
  it('sends a resource key in the api-key header to the v1 models list and accepts it', async () => {
    session.fake.script('GET /openai/v1/models', respond.with(modelsListFixture(['gpt-4o'])))
    const run = await doctor({ 'api-key': AZURE_KEY, provider: 'azure' }, '/openai/v1')
    expect(run.outputs).toMatchObject({ 'key-status': 'valid', cause: 'none' })
    const [request] = session.fake.requestsTo('/openai/v1/models')
    expect(request.headers['api-key']).toBe(AZURE_KEY)
    expect(request.headers.authorization).toBeUndefined()
    expectNoKey(run, AZURE_KEY)
  })

  it('reports a firewall 403 as ip-not-authorized with what the server said, in the summary and the annotation', async () => {
    session.fake.script('GET /openai/v1/models', respond.with(bodies.AZURE_FIREWALL_403))
    const run = await doctor({ 'api-key': AZURE_KEY, provider: 'azure' }, '/openai/v1')
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ 'key-status': 'misconfigured', cause: 'ip-not-authorized' })
    expect(shown(run)).toContain(
      'The server said:** HTTP 403: “Access denied due to Virtual Network/Firewall rules.”'
    )
    expect(run.summary).toMatch(/Networking/)
    expect(run.summary).not.toMatch(/403 403/)
    const errors = run.annotations.filter(annotation => annotation.level === 'error')
    expect(errors.some(annotation => annotation.message.includes('Virtual Network/Firewall rules'))).toBe(
      true
    )
    expectNoKey(run, AZURE_KEY)
  })

  it('never sends an OpenAI key to an Azure endpoint', async () => {
    const run = await doctor({ 'api-key': KEY, provider: 'azure' }, '/openai/v1')
    expect(run.outputs).toMatchObject({ 'key-status': 'malformed', cause: 'not-openai-key' })
    expect(session.fake.requests).toHaveLength(0)
    expectNoKey(run, KEY)
  })
})

describe('found keys and providers', () => {
  it('never sends a found OpenAI key to Azure, and says it was not checked', async () => {
    const leaked = makeKey('project', 22)
    const pull = pullRequest(
      session.fixture(),
      fillerCommits(1, { 0: { '.env': `OPENAI_API_KEY=${leaked}\n` } })
    )
    session.fake.script('GET /openai/v1/models', respond.with(modelsListFixture(['gpt-4o'])))
    const run = await session.run({
      eventName: 'pull_request',
      event: pull.event,
      workspace: pull.checkout,
      env: { GITHUB_SHA: pull.merge },
      inputs: { 'api-key': AZURE_KEY, provider: 'azure', 'base-url': `${session.fake.origin}/openai/v1` }
    })
    expect(run.outputs).toMatchObject({ 'key-status': 'valid', leaks: '1', 'live-leaks': '0' })
    const sent = session.fake.requests.flatMap(request => [
      request.headers['api-key'],
      request.headers.authorization
    ])
    expect(sent.join(' ')).not.toContain(leaked)
    expect(shown(run)).toMatch(/1 found key was not checked live: ` ?base-url ?` is Azure OpenAI/)
    expectNoKey(run, leaked, AZURE_KEY)
  })
})

describe('gateways', () => {
  it('never calls an unauthenticated models list valid', async () => {
    // The models list answers 200 to anything, as OpenRouter's and many local servers' do.
    session.fake.script('GET /v1/models', respond.with(modelsListFixture(['gpt-4o'])))
    const run = await doctor({ 'api-key': 'sk-local-0f9e8d7c6b5a4f3e2d1c' })
    expect(run.outputs['key-status']).not.toBe('valid')
    expect(run.outputs).toMatchObject({ 'key-status': 'unchecked', cause: 'none' })
    expect(run.summary).toMatch(/could not be verified/i)
    const sent = session.fake.requestsTo('/v1/models').map(request => request.headers.authorization)
    expect(sent).toEqual([
      'Bearer sk-local-0f9e8d7c6b5a4f3e2d1c',
      expect.stringMatching(/control-request-not-a-key/)
    ])
    expectNoKey(run, 'sk-local-0f9e8d7c6b5a4f3e2d1c')
  })

  it("sends the Cloudflare gateway token masked, and names the gateway's refusal gateway-auth-failed", async () => {
    session.fake.script('GET /v1/models', respond.with(bodies.CLOUDFLARE_AIG_UNAUTHORIZED))
    const run = await doctor({ 'api-key': KEY, provider: 'cloudflare', 'gateway-token': GATEWAY_TOKEN })
    expect(run.outputs).toMatchObject({ 'key-status': 'misconfigured', cause: 'gateway-auth-failed' })
    expect(session.fake.requests[0].headers['cf-aig-authorization']).toBe(`Bearer ${GATEWAY_TOKEN}`)
    expect(run.masks).toContain(GATEWAY_TOKEN)
    expect(run.summary).toMatch(/cf-aig-authorization/)
    expectNoKey(run, KEY, GATEWAY_TOKEN)
  })

  it('keeps a gateway token that the server echoes out of every channel', async () => {
    session.fake.script(
      'GET /v1/models',
      respond.with({
        status: 401,
        body: {
          error: { message: `Invalid token ${GATEWAY_TOKEN} for header x-gateway-key`, code: 'unauthorized' }
        }
      })
    )
    const run = await doctor({
      'api-key': KEY,
      provider: 'compatible',
      'gateway-token': GATEWAY_TOKEN,
      'gateway-header': 'x-gateway-key'
    })
    expect(session.fake.requests[0].headers['x-gateway-key']).toBe(GATEWAY_TOKEN)
    expect(shown(run)).toMatch(/The server said:\*\* HTTP 401: “Invalid token /)
    expectNoKey(run, KEY, GATEWAY_TOKEN)
  })

  it("reports a LiteLLM budget as no-quota in the gateway's words", async () => {
    session.fake.script('GET /v1/models', respond.with(bodies.LITELLM_BUDGET_EXCEEDED))
    const run = await doctor({ 'api-key': 'sk-1234abcd', provider: 'litellm', 'fail-on': 'key,quota' })
    expect(run.outputs).toMatchObject({ 'key-status': 'no-quota', cause: 'insufficient-quota' })
    expect(shown(run)).toContain('Budget has been exceeded!')
    expect(run.summary).not.toMatch(/platform\.openai\.com/)
    expectNoKey(run, 'sk-1234abcd')
  })
})

describe('every provider answer, replayed through the built action', () => {
  const AZURE = { provider: 'azure', path: '/openai/v1', route: 'GET /openai/v1/models', key: AZURE_KEY }
  const GATEWAY_KEY = 'sk-gw-5f2a9c0e7b1d4e3a'
  const at = (provider: string, key = GATEWAY_KEY, route = 'GET /v1/models') => ({
    provider,
    path: '/v1',
    route,
    key
  })
  it.each([
    [
      'Azure firewall',
      bodies.AZURE_FIREWALL_403,
      AZURE,
      'misconfigured',
      'ip-not-authorized',
      'Virtual Network/Firewall rules'
    ],
    [
      'Azure VNet',
      bodies.AZURE_VNET_403,
      AZURE,
      'misconfigured',
      'ip-not-authorized',
      'A Virtual Network is configured'
    ],
    [
      'Azure deployment',
      bodies.AZURE_DEPLOYMENT_NOT_FOUND,
      AZURE,
      'misconfigured',
      'endpoint-not-found',
      'DeploymentNotFound'
    ],
    [
      'Azure RBAC',
      bodies.AZURE_PERMISSION_DENIED,
      AZURE,
      'restricted',
      'missing-scopes',
      'Principal does not have access'
    ],
    [
      'Azure Entra audience',
      bodies.AZURE_ENTRA_401,
      AZURE,
      'misconfigured',
      'auth-scheme-mismatch',
      'audience is incorrect'
    ],
    [
      'Azure key auth off',
      bodies.AZURE_KEY_AUTH_DISABLED,
      AZURE,
      'misconfigured',
      'auth-scheme-mismatch',
      'Key based authentication is disabled'
    ],
    [
      'Azure token limit',
      bodies.AZURE_RATE_LIMITED,
      AZURE,
      'unreachable',
      'rate-limited',
      'exceeded token rate limit'
    ],
    [
      'APIM subscription key',
      bodies.APIM_MISSING_SUBSCRIPTION_KEY,
      { ...AZURE, provider: 'azure-apim' },
      'misconfigured',
      'gateway-auth-failed',
      'missing subscription key'
    ],
    [
      'Cloudflare 10000',
      bodies.CLOUDFLARE_AUTHENTICATION_ERROR,
      at('cloudflare', KEY),
      'misconfigured',
      'gateway-auth-failed',
      'Authentication error'
    ],
    [
      'Cloudflare block page',
      bodies.CLOUDFLARE_BLOCK_PAGE,
      at('auto', KEY),
      'unreachable',
      'request-blocked',
      'Attention Required'
    ],
    [
      'LiteLLM unknown key',
      bodies.LITELLM_UNKNOWN_KEY,
      at('litellm'),
      'invalid',
      'invalid-api-key',
      'Invalid proxy server token'
    ],
    [
      'LiteLLM model budget',
      bodies.LITELLM_MODEL_BUDGET_429,
      at('litellm'),
      'no-quota',
      'insufficient-quota',
      'exceeded budget'
    ],
    [
      'OpenRouter credits',
      bodies.OPENROUTER_INSUFFICIENT_CREDITS,
      at('openrouter', GATEWAY_KEY, 'GET /v1/key'),
      'no-quota',
      'insufficient-quota',
      'Insufficient credits'
    ],
    [
      'OpenRouter no credentials',
      bodies.OPENROUTER_NO_AUTH,
      at('openrouter', GATEWAY_KEY, 'GET /v1/key'),
      'misconfigured',
      'auth-header-stripped',
      'No auth credentials found'
    ],
    [
      'relay quota',
      bodies.RELAY_USER_QUOTA,
      at('auto'),
      'no-quota',
      'insufficient-quota',
      'user quota is not enough'
    ],
    [
      'invalid issuer',
      bodies.INVALID_ISSUER,
      at('openai', KEY),
      'invalid',
      'wrong-credential',
      'not from a valid issuer'
    ],
    [
      'archived project',
      bodies.PROJECT_ARCHIVED,
      at('openai', KEY),
      'invalid',
      'project-archived',
      'has been archived'
    ]
  ] as const)('%s', async (_name, fixture, where, status, cause, said) => {
    session.fake.script(where.route, respond.with(fixture))
    const run = await doctor({ 'api-key': where.key, provider: where.provider }, where.path)
    expect(run.outputs).toMatchObject({ 'key-status': status, cause })
    expect(shown(run)).toContain(said)
    expect(shown(run)).not.toMatch(/HTTP (\d{3}) \1\b/)
    if (where.provider !== 'openai' && where.key !== KEY)
      expect(shown(run)).not.toMatch(/Create a new key at https:\/\/platform/)
    expectNoKey(run, where.key)
  })
})

describe('inference-check', () => {
  it('sends nothing billable when off, and says quota and billing were not checked', async () => {
    const run = await doctor({ 'api-key': KEY, provider: 'openai', 'required-models': 'gpt-4o' })
    expect(run.outputs).toMatchObject({ 'key-status': 'valid' })
    expect(posts()).toBe(0)
    expect(run.summary).toMatch(/Quota and billing were not checked/)
    expect(run.summary).toMatch(/inference-check: true/)
    expectNoKey(run, KEY)
  })

  it('calls the key valid when the minimal request is answered, and says so', async () => {
    session.fake.script(
      'POST /v1/chat/completions',
      respond.with({ status: 200, body: { id: 'chatcmpl-1', object: 'chat.completion', choices: [] } })
    )
    const run = await doctor({ 'api-key': KEY, provider: 'openai', 'inference-check': 'true' })
    expect(run.outputs).toMatchObject({ 'key-status': 'valid', cause: 'none' })
    const [post] = session.fake.requestsTo('/v1/chat/completions')
    expect(post.headers.authorization).toBe(`Bearer ${KEY}`)
    expect(shown(run)).toMatch(/` ?gpt-4o-mini ?` answered a minimal request/)
    expect(shown(run)).not.toMatch(/The server said/)
    expectNoKey(run, KEY)
  })

  it.each([
    ['insufficient_quota', INSUFFICIENT_QUOTA, 'no-quota', 'insufficient-quota'],
    ['billing_not_active', BILLING_NOT_ACTIVE, 'no-quota', 'billing-not-active'],
    ['a project model block (403)', PROJECT_MODEL_NOT_ALLOWED, 'restricted', 'model-not-accessible'],
    ['a key without model.request', bodies.MISSING_MODEL_REQUEST_SCOPE, 'restricted', 'missing-scopes']
  ] as const)('turns %s on the minimal request into a verdict', async (_name, fixture, status, cause) => {
    session.fake.script('POST /v1/chat/completions', respond.with(fixture))
    const run = await doctor({
      'api-key': KEY,
      provider: 'openai',
      'inference-check': 'true',
      'required-models': 'gpt-4o-mini',
      'fail-on': 'key,quota'
    })
    expect(run.outputs).toMatchObject({ 'key-status': status, cause })
    expect(run.exitCode).toBe(1)
    const [post] = session.fake.requestsTo('/v1/chat/completions')
    expect(post.method).toBe('POST')
    expect(posts()).toBe(1)
    expectNoKey(run, KEY)
  })
})
