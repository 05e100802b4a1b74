import { anthropicKey } from './anthropic.js'
import { genericSkSecret } from './generic-sk.js'
import { openAiAdminKey, openAiProjectKey, openAiServiceAccountKey, openAiUserKey } from './openai.js'
import { openRouterKey } from './openrouter.js'
import { CONFIGURED_KEY_DETECTOR_ID, createConfiguredKeyDetector } from './configured-key.js'
import type { Detector, Provider } from './types.js'

/** Every built-in detector. The configured key's detector is added per run by `detectorsFor`. */
export const BUILTIN_DETECTORS: readonly Detector[] = [
  openAiUserKey,
  openAiProjectKey,
  openAiServiceAccountKey,
  openAiAdminKey,
  anthropicKey,
  openRouterKey,
  genericSkSecret
]

/** The detectors of one run: the built-ins, plus the workflow's own key when it is worth searching for. */
export function detectorsFor(configuredKey: string | undefined): Detector[] {
  const configured = configuredKey === undefined ? undefined : createConfiguredKeyDetector(configuredKey)
  return configured ? [configured, ...BUILTIN_DETECTORS] : [...BUILTIN_DETECTORS]
}

const PROVIDER_OF_DETECTOR = new Map<string, Provider>([
  [CONFIGURED_KEY_DETECTOR_ID, 'openai'],
  ...BUILTIN_DETECTORS.map(detector => [detector.id, detector.provider] as const)
])

/** The provider of a detector's keys, by the detector id a finding carries; `unknown` for an id no detector has. */
export function providerOf(detectorId: string): Provider {
  return PROVIDER_OF_DETECTOR.get(detectorId) ?? 'unknown'
}
