import { classifyProbe, type Classification } from '../core/classify.js'
import type { ModelProbeResult } from '../core/diagnose.js'
import { analyzeKeyFormat, type KeyFormatReport } from '../core/key-format.js'
import type { OpenAIClient } from '../openai/client.js'
import type { Settings } from '../settings/settings.js'

/** Everything the API said about the configured key; `diagnose()` turns it into a verdict. */
export interface KeyProbes {
  format: KeyFormatReport
  /** Answer for the raw secret, sent as it is (only when it is sendable). */
  live?: Classification
  /** Answer for the cleaned secret, when the raw one is malformed but fixable. */
  cleanedLive?: Classification
  models: ModelProbeResult[]
  /** The key that was actually sent, if any (raw or cleaned); verify-leaks reuses its answer. */
  sentKey?: string
}

/**
 * Offline format check first; then, with liveness on, `GET /models` for the raw key when it is sendable, or
 * for its cleaned form when the raw secret is malformed but fixable; then `GET /models/{id}` for each required
 * model once the key itself is accepted. Placeholders and other providers' keys are never sent.
 */
export async function probeKey(
  settings: Settings,
  client: OpenAIClient | undefined,
  format: KeyFormatReport = analyzeKeyFormat(settings.apiKey)
): Promise<KeyProbes> {
  const probes: KeyProbes = { format, models: [] }
  if (!settings.liveness || !client || format.empty) return probes

  const candidate = format.sendable ? settings.apiKey : sendableCleaned(format)
  if (candidate === undefined) return probes
  const context = {
    sentKey: candidate,
    organizationSent: settings.organization !== '',
    projectSent: settings.project !== ''
  }
  const answer = classifyProbe(await client.probeModels(candidate), context)
  probes.sentKey = candidate
  if (format.sendable) probes.live = answer
  else probes.cleanedLive = answer

  if (answer.status !== 'valid') return probes
  for (const model of settings.requiredModels) {
    const outcome = await client.probeModel(candidate, model)
    probes.models.push({ id: model, classification: classifyProbe(outcome, { ...context, model }) })
  }
  return probes
}

function sendableCleaned(format: KeyFormatReport): string | undefined {
  if (format.cleaned === undefined) return undefined
  return analyzeKeyFormat(format.cleaned).sendable ? format.cleaned : undefined
}
