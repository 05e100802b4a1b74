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

  it("reports a LiteLLM budget as no-quota in the gateway's words", async () => {
    session.fake.script('GET /v1/models', respond.with(bodies.LITELLM_BUDGET_EXCEEDED))
    const run = await doctor({ 'api-key': 'sk-1234abcd', provider: 'litellm', 'fail-on': 'key,quota' })
    expect(run.outputs).toMatchObject({ 'key-status': 'no-quota', cause: 'insufficient-quota' })
    expect(shown(run)).toContain('Budget has been exceeded!')
    expect(run.summary).not.toMatch(/platform\.openai\.com/)
    expectNoKey(run, 'sk-1234abcd')
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
