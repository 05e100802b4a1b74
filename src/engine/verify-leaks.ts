import { classifyProbe, type Classification } from '../core/classify.js'
import { isVerifiableLeak, leakLiveness, type LeakLiveness } from '../core/leak-liveness.js'
import { mapBounded } from './bounded.js'
import type { OpenAIClient } from '../openai/client.js'
import type { Finding } from '../scan/types.js'

const CONCURRENCY = 4

/**
 * At most this many found keys are probed per run: a change with thousands of fake keys must not turn the runner
 * into a key-checking service (thousands of requests, and a published verdict for each).
 */
export const MAX_VERIFIED_KEYS = 200

/**
 * Checks each distinct found OpenAI key live (GET /models, the key doctor's client and retry rules), at
 * most CONCURRENCY at a time and at most `maxProbes` keys (the first found, in report order), and sets `liveness`
 * on every finding of that key. `known` answers (the configured key, already probed) are reused instead of asked
 * again. Returns how many keys were left unchecked because of the cap.
 */
export async function verifyLeaks(
  findings: Finding[],
  client: OpenAIClient,
  known: ReadonlyMap<string, Classification> = new Map(),
  maxProbes = MAX_VERIFIED_KEYS
): Promise<{ notProbed: number }> {
  const secrets = [...new Set(findings.filter(isVerifiableLeak).map(finding => finding.secret))]
  const verdicts = new Map<string, { liveness: LeakLiveness; cause: Classification['cause'] }>()
  const verdictOf = (answer: Classification) => ({ liveness: leakLiveness(answer), cause: answer.cause })
  for (const [secret, answer] of known) verdicts.set(secret, verdictOf(answer))

  const unknown = secrets.filter(secret => !verdicts.has(secret))
  const pending = unknown.slice(0, maxProbes)
  await mapBounded(pending, CONCURRENCY, async secret => {
    const outcome = await client.probeModels(secret)
    const answer = classifyProbe(
      outcome,
      { sentKey: secret, organizationSent: false, projectSent: false },
      client.provider
    )
    verdicts.set(secret, verdictOf(answer))
  })

  for (const finding of findings) {
    const verdict = verdicts.get(finding.secret)
    if (!verdict) continue
    finding.liveness = verdict.liveness
    if (verdict.liveness === 'unknown') finding.livenessCause = verdict.cause
  }
  return { notProbed: unknown.length - pending.length }
}
