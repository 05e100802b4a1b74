import { classifyProbe, type Classification } from '../core/classify.js'
import { isVerifiableLeak, leakLiveness, type LeakLiveness } from '../core/leak-liveness.js'
import type { OpenAIClient } from '../openai/client.js'
import type { Finding } from '../scan/types.js'

const CONCURRENCY = 4

/**
 * Checks each distinct found OpenAI key live (GET /models, the key doctor's client and retry rules), at
 * most CONCURRENCY at a time, and sets `liveness` on every finding of that key. `known` answers (the
 * configured key, already probed) are reused instead of asked again.
 */
export async function verifyLeaks(
  findings: Finding[],
  client: OpenAIClient,
  known: ReadonlyMap<string, Classification> = new Map()
): Promise<void> {
  const secrets = [...new Set(findings.filter(isVerifiableLeak).map(finding => finding.secret))]
  const verdicts = new Map<string, LeakLiveness>()
  for (const [secret, answer] of known) verdicts.set(secret, leakLiveness(answer))

  const pending = secrets.filter(secret => !verdicts.has(secret))
  const worker = async (): Promise<void> => {
    for (let secret = pending.shift(); secret !== undefined; secret = pending.shift()) {
      const outcome = await client.probeModels(secret)
      const answer = classifyProbe(
        outcome,
        { sentKey: secret, organizationSent: false, projectSent: false },
        client.provider
      )
      verdicts.set(secret, leakLiveness(answer))
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, pending.length) }, worker))

  for (const finding of findings) {
    const verdict = verdicts.get(finding.secret)
    if (verdict) finding.liveness = verdict
  }
}
