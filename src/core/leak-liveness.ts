import { providerOf } from '../detectors/registry.js'
import type { Classification } from './classify.js'
import type { Finding } from '../scan/types.js'

export type LeakLiveness = NonNullable<Finding['liveness']>

/**
 * Whether a found key still works, from the API's answer to `GET /models`: any answer that means the key
 * authenticated (valid, restricted scopes, no quota, a region or IP block after authentication) is live;
 * the answers that mean the key itself is dead are dead; anything undetermined is unknown.
 */
export function leakLiveness(answer: Classification): LeakLiveness {
  switch (answer.status) {
    case 'valid':
    case 'restricted':
    case 'no-quota':
      return 'live'
    case 'invalid':
      return 'dead'
    default:
      return 'unknown'
  }
}

/** Leaks the API can verify: OpenAI keys, and the workflow's own key (whatever its shape). */
export function isVerifiableLeak(finding: Finding): boolean {
  return providerOf(finding.detectorId) === 'openai'
}
