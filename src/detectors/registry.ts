import { anthropicKey } from './anthropic.js'
import { createConfiguredKeyDetector } from './configured-key.js'
import { genericSkSecret } from './generic-sk.js'
import { openAiAdminKey, openAiProjectKey, openAiServiceAccountKey, openAiUserKey } from './openai.js'
import { openRouterKey } from './openrouter.js'
import type { Detector } from './types.js'

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
