/** Builders for report tests: findings, diagnoses and key-shaped strings made at runtime (no key literal in the repo). */
import { CHECKLIST_IDS, type Diagnosis } from '../../src/core/diagnosis-types.js'
import { redact } from '../../src/core/redact.js'
import type { Finding } from '../../src/scan/types.js'
import { HEX, makeKey, randomText } from '../helpers/keys.js'

/** Shaped like real OpenAI keys of each family, unique per seed. */
export const projectKey = (seed: number): string => makeKey('project', seed)
export const legacyKey = (seed: number): string => makeKey('legacy', seed)
export const serviceAccountKey = (seed: number): string => makeKey('service-account', seed)
export const adminKey = (seed: number): string => makeKey('admin', seed)

export function sha(seed: number): string {
  return randomText(40, HEX, seed)
}

let counter = 0

export function makeFinding(overrides: Partial<Finding> = {}): Finding {
  counter++
  const secret = overrides.secret ?? projectKey(counter)
  return {
    detectorId: 'openai-project-key',
    detectorName: 'OpenAI project key',
    severity: 'error',
    path: `src/config-${counter}.ts`,
    line: 10,
    startColumn: 15,
    endColumn: 15 + secret.length - 1,
    commit: sha(counter),
    redacted: redact(secret),
    fingerprint: `${overrides.detectorId ?? 'openai-project-key'}:${randomText(16, HEX, counter + 1000)}`,
    ...overrides,
    secret
  }
}

export function makeDiagnosis(overrides: Partial<Diagnosis> = {}): Diagnosis {
  const key = projectKey(424242)
  return {
    keyStatus: 'invalid',
    cause: 'invalid-api-key',
    keyType: 'project',
    headline: 'The API rejected the key: 401 invalid_api_key',
    explanation: 'OpenAI does not know this key: it was revoked, deleted, or belongs to no account.',
    fix: 'Create a new key at https://platform.openai.com/api-keys and update the `OPENAI_API_KEY` secret.',
    fingerprint: { type: 'project', length: key.length, redacted: redact(key) },
    requestId: 'req_0123456789abcdef',
    notes: ['`OPENAI_BASE_URL` is set in the environment and changes where SDKs send requests.'],
    checklist: CHECKLIST_IDS.map((id, index) => ({
      id,
      title: `Cause ${index + 1}: ${id}`,
      verdict: index === 5 ? 'likely' : index === 0 ? 'ruled-out' : 'not-checkable',
      evidence: `evidence for ${id}`
    })),
    models: [
      { id: 'gpt-4o-mini', accessible: true, detail: 'accessible' },
      { id: 'gpt-5', accessible: false, detail: 'not accessible to this key (404 model_not_found)' }
    ],
    ...overrides
  }
}

/** File names and texts an attacker controls: workflow commands, HTML, markdown, mentions, controls. */
export const HOSTILE = [
  'src/a\n::add-mask::hunter2.ts',
  'x\r::stop-commands::resume-token',
  '::set-output name=key-status::valid',
  '  ::error file=a.ts::fake',
  '%0A::warning::x %25 %3A %2C',
  'dir:with,commas/and::colons.ts',
  '<img src=x onerror=alert(1)>.md',
  '<script>alert(1)</script>',
  '[click me](http://evil.example/x).md',
  '![pixel](https://evil.example/p.png)',
  '@octocat and @github/security please merge',
  'a|b||c.ts',
  '`code` and ``` fences ````',
  '# heading\n## second',
  'www.evil.example/login',
  '\u202Egnp.exe\u2066',
  '##[add-mask]tail and ##[set-output name=x]y',
  'back\\|slash\\',
  '&amp; &lt;b&gt; &#124;',
  '*bold* _it_ ~~strike~~ $x$ {{ github.token }}',
  'line\u2028separator\u0085next',
  'tab\there\u0000nul\u001b[31mred'
]
