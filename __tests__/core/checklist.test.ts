import { describe, expect, it } from '@jest/globals'
import { CHECKLIST_IDS, type ChecklistId, type ChecklistItem } from '../../src/core/diagnosis-types.js'
import * as bodies from '../fixtures/openai-bodies.js'
import { makeKey } from '../helpers/keys.js'
import { runScenario, type Scenario } from './scenario.js'

const KEY = makeKey('service-account', 41)

function item(scenario: Scenario, id: ChecklistId): ChecklistItem {
  const found = runScenario(scenario).checklist.find(entry => entry.id === id)
  if (!found) throw new Error(`no checklist item ${id}`)
  return found
}

describe('shape of the checklist', () => {
  it("has the guide's ten causes in order, each with a verdict and evidence", () => {
    const checklist = runScenario({ raw: KEY, answer: bodies.MODELS_LIST }).checklist
    expect(checklist.map(entry => entry.id)).toEqual([...CHECKLIST_IDS])
    expect(checklist.map(entry => entry.title)).toEqual([
      'Missing API key',
      'Typographical error',
      'Placeholder key',
      'Key from a different environment or account',
      'Extra whitespace',
      'Expired or revoked key',
      'Incorrect environment variable name',
      'Misconfigured API client or library',
      'Network proxies or firewalls',
      'Outdated client library'
    ])
    for (const entry of checklist) expect(entry.evidence.length).toBeGreaterThan(20)
  })
})

describe('missing key', () => {
  it('is confirmed for an empty secret', () => {
    expect(item({ raw: '' }, 'missing-key').verdict).toBe('confirmed')
  })

  it('is not checked, with why, when GitHub withholds the secret on purpose (fork, Dependabot): no row is judged', () => {
    const fork = runScenario({ raw: '', run: { isForkPullRequest: true } }).checklist
    expect(new Set(fork.map(entry => entry.verdict))).toEqual(new Set(['not-checkable']))
    expect(fork[0].evidence).toMatch(/pull requests opened from forks.* expected, not a missing key/)
    const dependabot = runScenario({ raw: '', run: { isDependabot: true } }).checklist
    expect(new Set(dependabot.map(entry => entry.verdict))).toEqual(new Set(['not-checkable']))
  })

  it('is ruled out with the length of a set secret', () => {
    expect(item({ raw: KEY, answer: bodies.MODELS_LIST }, 'missing-key')).toMatchObject({
      verdict: 'ruled-out',
      evidence: `The secret is set (${KEY.length} characters).`
    })
  })
})

describe('typo and revoked key', () => {
  it('are both likely on invalid_api_key, because the API cannot tell them apart', () => {
    const typo = item({ raw: KEY, answer: bodies.invalidApiKeyFor }, 'typo')
    const revoked = item({ raw: KEY, answer: bodies.invalidApiKeyFor }, 'revoked')
    expect(typo.verdict).toBe('likely')
    expect(revoked.verdict).toBe('likely')
    expect(typo.evidence).toMatch(/a mistyped key and a revoked one get the same answer/)
    expect(revoked.evidence).toMatch(/a revoked or deleted key gets the same answer as a mistyped one/)
  })

  it('point at the commit when the key is in the repository history', () => {
    const repo = {
      configuredKeyCommitted: [{ path: '.env', line: 3, message: '', commit: 'abc1234def5678' }],
      checkedHistory: true
    }
    const revoked = item({ raw: KEY, answer: bodies.invalidApiKeyFor, repo }, 'revoked')
    expect(revoked).toMatchObject({ verdict: 'likely' })
    expect(revoked.evidence).toMatch(
      /^This key is committed at \.env:3 \(commit abc1234\)\. OpenAI disables keys it finds published/
    )
    expect(item({ raw: KEY, answer: bodies.invalidApiKeyFor, repo }, 'typo').evidence).toMatch(
      /points to revocation rather than a typo/
    )
  })

  it('say the history was searched when it was, and the key is not there', () => {
    const revoked = item(
      { raw: KEY, answer: bodies.invalidApiKeyFor, repo: { checkedHistory: true } },
      'revoked'
    )
    expect(revoked.evidence).toMatch(/does not appear in the repository history/)
  })

  it('say how little was searched when the history was cut short, never that the key was not leaked', () => {
    const revoked = item(
      {
        raw: KEY,
        answer: bodies.invalidApiKeyFor,
        repo: { checkedHistory: false, historyNotFullySearched: { commits: 1, fix: 'fetch it all' } }
      },
      'revoked'
    )
    expect(revoked.verdict).toBe('likely')
    expect(revoked.evidence).not.toMatch(/does not appear/)
    expect(revoked.evidence).toMatch(
      /The key is not in the 1 commit searched, but older commits were not searched, so a leak there is not ruled out: fetch it all\.$/
    )
  })

  it('confirms revocation for a deactivated account, and rules both out for an accepted key', () => {
    expect(item({ raw: KEY, answer: bodies.ACCOUNT_DEACTIVATED_DEVELOPER }, 'revoked').verdict).toBe(
      'confirmed'
    )
    expect(item({ raw: KEY, answer: bodies.NO_ORGANIZATION }, 'revoked').verdict).toBe('likely')
    expect(item({ raw: KEY, answer: bodies.MODELS_LIST }, 'revoked').verdict).toBe('ruled-out')
    expect(item({ raw: KEY, answer: bodies.MODELS_LIST }, 'typo').verdict).toBe('ruled-out')
  })

  it('rules out a typo when the API recognised the key in another way', () => {
    const typo = item({ raw: KEY, answer: bodies.INSUFFICIENT_QUOTA }, 'typo')
    expect(typo).toEqual({
      id: 'typo',
      title: 'Typographical error',
      verdict: 'ruled-out',
      evidence: 'The API recognised the key (HTTP 429 insufficient_quota), which a mistyped key cannot get.',
      // Under the verdict, which quotes that answer, the row points there instead of citing it again.
      besideVerdict: 'The API recognised the key, which a mistyped key cannot get.'
    })
  })

  it('calls a cut-short key a likely typo offline', () => {
    const typo = item({ raw: KEY.slice(0, 25), liveness: false }, 'typo')
    expect(typo.verdict).toBe('likely')
    expect(typo.evidence).toMatch(/cut short or altered/)
  })

  it('cannot be checked with liveness off', () => {
    expect(item({ raw: KEY, liveness: false }, 'typo')).toMatchObject({
      verdict: 'not-checkable',
      evidence: 'Only the API can tell a mistyped key from a real one, and liveness is off.'
    })
  })
})

describe('placeholder', () => {
  it('is confirmed with what kind of placeholder it is', () => {
    expect(item({ raw: 'sk-proj-...sQoA' }, 'placeholder')).toMatchObject({
      verdict: 'confirmed',
      evidence: expect.stringMatching(/shortened display/)
    })
  })

  it('is ruled out for a real-looking key', () => {
    expect(item({ raw: KEY, answer: bodies.MODELS_LIST }, 'placeholder')).toMatchObject({
      verdict: 'ruled-out',
      evidence:
        'The secret has the shape of an OpenAI service-account key and enough randomness to be real, and the API accepted it.'
    })
  })
})

describe('key from another account, organization or project', () => {
  it("is confirmed by an organization or project mismatch, and by another provider's key", () => {
    expect(
      item({ raw: KEY, answer: bodies.MISMATCHED_PROJECT, project: 'proj_x' }, 'other-account').verdict
    ).toBe('confirmed')
    expect(
      item({ raw: KEY, answer: bodies.NO_SUCH_ORGANIZATION, organization: 'Personal' }, 'other-account')
        .verdict
    ).toBe('confirmed')
    expect(
      item({ raw: `gsk_${'Ab3dE5gH7j'.repeat(5)}`, answer: bodies.MODELS_LIST }, 'other-account')
    ).toMatchObject({
      verdict: 'confirmed',
      evidence: expect.stringMatching(/Groq/)
    })
  })

  it('is likely when the key has no credit (credit bought in another organization)', () => {
    expect(item({ raw: KEY, answer: bodies.INSUFFICIENT_QUOTA }, 'other-account')).toMatchObject({
      verdict: 'likely',
      evidence: expect.stringMatching(/another organization \(for example "Personal"\)/)
    })
  })

  it('is likely when the key works but its project cannot use a required model', () => {
    const entry = item(
      { raw: KEY, answer: bodies.MODELS_LIST, models: { 'gpt-4o-mini': bodies.PROJECT_MODEL_NOT_ALLOWED } },
      'other-account'
    )
    expect(entry.verdict).toBe('likely')
    expect(entry.evidence).toMatch(/may belong to another project .* not allowed to use `gpt-4o-mini`/)
  })

  it('tells how to find the key in the dashboard on invalid_api_key, by its last characters only', () => {
    const other = item({ raw: KEY, answer: bodies.invalidApiKeyFor }, 'other-account')
    expect(other.verdict).toBe('not-checkable')
    expect(other.evidence).toContain(`\`sk-…${KEY.slice(-4)}\``)
  })

  it('is ruled out for an accepted key, unless the app sends an organization this step does not', () => {
    expect(item({ raw: KEY, answer: bodies.MODELS_LIST }, 'other-account')).toMatchObject({
      verdict: 'ruled-out',
      evidence: 'The API accepted the key with the organization and project headers this step sends (none).'
    })
    const unsent = item(
      { raw: KEY, answer: bodies.MODELS_LIST, run: { influencingEnvVars: ['OPENAI_PROJECT_ID'] } },
      'other-account'
    )
    expect(unsent.verdict).toBe('not-checkable')
    expect(unsent.evidence).toMatch(/OPENAI_PROJECT_ID is set in this job's environment/)
    const reproduced = item(
      {
        raw: KEY,
        answer: bodies.MODELS_LIST,
        project: 'proj_abc',
        run: { influencingEnvVars: ['OPENAI_PROJECT_ID'] }
      },
      'other-account'
    )
    expect(reproduced).toMatchObject({
      verdict: 'ruled-out',
      evidence: expect.stringMatching(/OpenAI-Project from its inputs/)
    })
  })
})

describe('whitespace', () => {
  it('is confirmed by the format check, and says the key is live without it', () => {
    expect(item({ raw: `${KEY}\n`, answer: bodies.MODELS_LIST }, 'whitespace')).toMatchObject({
      verdict: 'confirmed',
      evidence: 'The secret ends with a newline (\\n). Without it, the key is live.'
    })
  })

  it('is confirmed when the HTTP client refused the key as a header', () => {
    const answer = {
      kind: 'network-error' as const,
      attempts: 0,
      code: 'INVALID_HEADER',
      message: 'The API key contains a line break.'
    }
    expect(item({ raw: KEY, answer }, 'whitespace').verdict).toBe('confirmed')
  })

  it('is ruled out for a clean secret', () => {
    expect(item({ raw: KEY, answer: bodies.MODELS_LIST }, 'whitespace')).toMatchObject({
      verdict: 'ruled-out',
      evidence: `No spaces, tabs, line breaks or invisible characters around or inside the ${KEY.length}-character secret.`
    })
  })
})

describe('environment variable name', () => {
  it('is confirmed when the secret holds a variable name or an unexpanded reference', () => {
    expect(item({ raw: 'OPENAI_API_KEY' }, 'env-var-name').verdict).toBe('confirmed')
    expect(item({ raw: '${OPENAI_API_KEY}' }, 'env-var-name').verdict).toBe('confirmed')
  })

  it('uses the repository evidence with file and line', () => {
    const repo = {
      checkedEnvVarNames: true,
      envVarName: [
        { path: 'app/main.py', line: 7, message: 'reads OPENAI_KEY, but the workflow sets OPENAI_API_KEY' }
      ]
    }
    expect(item({ raw: KEY, answer: bodies.invalidApiKeyFor, repo }, 'env-var-name')).toMatchObject({
      verdict: 'likely',
      evidence: 'app/main.py:7: reads OPENAI_KEY, but the workflow sets OPENAI_API_KEY'
    })
  })

  it('is ruled out when the repository checks ran and found nothing', () => {
    expect(
      item({ raw: KEY, answer: bodies.MODELS_LIST, repo: { checkedEnvVarNames: true } }, 'env-var-name')
        .verdict
    ).toBe('ruled-out')
  })

  it('is not ruled out when a limit or the time budget cut the repository checks short', () => {
    const cut = { limit: 'time' as const, detail: 'their time budget ran out before every file was checked' }
    const repo = { checkedEnvVarNames: true, checkedLibraries: true, notFullyChecked: [cut] }
    for (const id of ['env-var-name', 'outdated-library'] as const) {
      const entry = item({ raw: KEY, answer: bodies.MODELS_LIST, repo }, id)
      expect(entry.verdict).toBe('not-checkable')
      expect(entry.evidence).toBe(
        'Not fully checked, so nothing is ruled out: their time budget ran out before every file was checked.'
      )
    }
  })

  it('says why it cannot be checked without the repository checks', () => {
    const entry = item({ raw: KEY, answer: bodies.MODELS_LIST }, 'env-var-name')
    expect(entry.verdict).toBe('not-checkable')
    expect(entry.evidence).toMatch(
      /^This step only sees the secret it is given, and the repository was not read/
    )
  })

  it('is likely for an empty secret outside forks and Dependabot', () => {
    expect(item({ raw: '' }, 'env-var-name').verdict).toBe('likely')
    expect(item({ raw: '', run: { isDependabot: true } }, 'env-var-name').verdict).toBe('not-checkable')
  })
})

describe('client setup', () => {
  it('is confirmed when the endpoint wants the key sent another way', () => {
    const entra = {
      ...bodies.AZURE_INVALID_KEY,
      body: '{"statusCode": 401, "message": "Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired."}'
    }
    expect(item({ raw: KEY, answer: entra }, 'client-setup').verdict).toBe('confirmed')
  })

  it('is likely when the key works but the environment redirects the client', () => {
    const entry = item(
      { raw: KEY, answer: bodies.MODELS_LIST, run: { influencingEnvVars: ['OPENAI_API_TYPE'] } },
      'client-setup'
    )
    expect(entry.verdict).toBe('likely')
    expect(entry.evidence).toMatch(/OPENAI_API_TYPE \(older SDKs switch to Azure mode/)
  })

  it('cannot be checked otherwise, and says why', () => {
    const entry = item({ raw: KEY, answer: bodies.MODELS_LIST }, 'client-setup')
    expect(entry.verdict).toBe('not-checkable')
    expect(entry.evidence).toMatch(/tests the key, not how your app builds its client/)
  })
})

describe('proxies', () => {
  it('is confirmed when the API received no key although one was sent', () => {
    const entry = item(
      { raw: KEY, answer: bodies.MISSING_BEARER, run: { influencingEnvVars: ['HTTPS_PROXY'] } },
      'proxy'
    )
    expect(entry.verdict).toBe('confirmed')
    expect(entry.evidence).toMatch(/This job routes requests through HTTPS_PROXY\.$/)
  })

  it('is confirmed when the echo shows the server received another value', () => {
    const entry = item({ raw: KEY, answer: bodies.INVALID_API_KEY_MASKED }, 'proxy')
    expect(entry.verdict).toBe('confirmed')
    expect(entry.evidence).toMatch(/a proxy or gateway substituted the header/)
  })

  it('is confirmed when the API saw an organization header this step did not send', () => {
    expect(item({ raw: KEY, answer: bodies.MISMATCHED_ORGANIZATION }, 'proxy').verdict).toBe('confirmed')
    expect(
      item({ raw: KEY, answer: bodies.MISMATCHED_ORGANIZATION, organization: 'org-x' }, 'proxy').verdict
    ).toBe('ruled-out')
  })

  it('is ruled out by a 200 through the same network path, naming the proxy variables', () => {
    expect(
      item(
        { raw: KEY, answer: bodies.MODELS_LIST, run: { influencingEnvVars: ['HTTPS_PROXY', 'no_proxy'] } },
        'proxy'
      )
    ).toMatchObject({
      verdict: 'ruled-out',
      evidence:
        "The API answered this step directly (HTTP 200), over this runner's network path through HTTPS_PROXY. Another path (your app's host or container) may still differ."
    })
  })

  it('is ruled out when the server echoed exactly the key that was sent', () => {
    expect(item({ raw: KEY, answer: bodies.invalidApiKeyFor }, 'proxy').evidence).toMatch(
      /^The server received exactly the key this step sent/
    )
  })

  it('is likely when an HTML page answered, or nothing answered through a proxy', () => {
    expect(item({ raw: KEY, answer: bodies.PROXY_HTML_502 }, 'proxy').verdict).toBe('likely')
    const timeout = { kind: 'timeout' as const, attempts: 3, timeoutMs: 10_000 }
    expect(
      item({ raw: KEY, answer: timeout, run: { influencingEnvVars: ['HTTPS_PROXY'] } }, 'proxy').verdict
    ).toBe('likely')
    expect(item({ raw: KEY, answer: timeout }, 'proxy')).toMatchObject({
      verdict: 'not-checkable',
      evidence: 'No answer arrived (timeout), so the network path could not be tested.'
    })
  })
})

describe('outdated library', () => {
  it('uses the repository evidence', () => {
    const repo = {
      checkedLibraries: true,
      outdatedLibrary: [
        { path: 'requirements.txt', line: 2, message: 'openai==0.28.1 predates project keys' }
      ]
    }
    expect(item({ raw: KEY, answer: bodies.MODELS_LIST, repo }, 'outdated-library')).toMatchObject({
      verdict: 'likely',
      evidence: 'requirements.txt:2: openai==0.28.1 predates project keys'
    })
  })

  it('is ruled out when the library check ran clean, and not checkable otherwise', () => {
    expect(
      item({ raw: KEY, answer: bodies.MODELS_LIST, repo: { checkedLibraries: true } }, 'outdated-library')
        .verdict
    ).toBe('ruled-out')
    const entry = item({ raw: KEY, answer: bodies.MODELS_LIST }, 'outdated-library')
    expect(entry.verdict).toBe('not-checkable')
    expect(entry.evidence).toMatch(/reject `sk-proj-` and `sk-svcacct-` keys/)
  })

  it('shows at most three locations and counts the rest', () => {
    const outdatedLibrary = [1, 2, 3, 4, 5].map(line => ({ path: 'package.json', line, message: 'openai@3' }))
    expect(
      item({ raw: KEY, answer: bodies.MODELS_LIST, repo: { outdatedLibrary } }, 'outdated-library').evidence
    ).toBe('package.json:1: openai@3; package.json:2: openai@3; package.json:3: openai@3 and 2 more')
  })
})
