import { mapBounded } from './bounded.js'
import { classifyProbe, type Classification } from '../core/classify.js'
import type { ModelProbeResult } from '../core/diagnose.js'
import { analyzeKeyFormat, type KeyFormatReport } from '../core/key-format.js'
import type { ProbeContext } from '../core/probe.js'
import type { OpenAIClient } from '../openai/client.js'
import { detectProvider } from '../providers/registry.js'
import type { Settings } from '../settings/settings.js'

/** Everything the API said about the configured key; `diagnose()` turns it into a verdict. */
export interface KeyProbes {
  format: KeyFormatReport
  /** Answer for the raw secret, sent as it is (only when it is sendable). */
  live?: Classification
  /** Answer for the cleaned secret, when the raw one is malformed but fixable. */
  cleanedLive?: Classification
  models: ModelProbeResult[]
  /** The inference check's answers (one per required model, or the provider's default model); empty when off. */
  inference: ModelProbeResult[]
  /** The key that was actually sent, if any (raw or cleaned); verify-leaks reuses its answer. */
  sentKey?: string
}

/** Answers after which the key is known to authenticate, so models and the inference check are worth asking. */
const KEY_WORKS: ReadonlySet<Classification['status']> = new Set(['valid'])

/**
 * Offline format check first (for the provider at `base-url`); then, with liveness on, the provider's liveness
 * request for the raw key when it is sendable, or for its cleaned form when the raw secret is malformed but
 * fixable; then each required model where the provider can check one for free; then, only with
 * `inference-check`, one minimal billable request per required model (or the provider's default model).
 * Placeholders and keys that belong elsewhere are never sent.
 */
export async function probeKey(
  settings: Settings,
  client: OpenAIClient | undefined,
  format: KeyFormatReport = analyzeKeyFormat(
    settings.apiKey,
    detectProvider(settings.baseUrl, settings.provider)
  )
): Promise<KeyProbes> {
  const probes: KeyProbes = { format, models: [], inference: [] }
  if (!settings.liveness || !client || format.empty) return probes

  const candidate = format.sendable ? settings.apiKey : sendableCleaned(format, client)
  if (candidate === undefined) return probes
  const provider = client.provider
  const context: ProbeContext = {
    sentKey: candidate,
    organizationSent: settings.organization !== '',
    projectSent: settings.project !== '',
    auth: client.authFor(candidate),
    gatewayTokenSent: settings.gatewayToken !== '',
    ...(settings.gatewayHeader || provider.gatewayHeader
      ? { gatewayHeader: settings.gatewayHeader || provider.gatewayHeader?.name }
      : {})
  }
  const answer = classifyProbe(await client.probeModels(candidate), context, provider)
  probes.sentKey = candidate
  if (format.sendable) probes.live = answer
  else probes.cleanedLive = answer

  if (!KEY_WORKS.has(answer.status)) return probes
  const outcomes = await mapBounded(settings.requiredModels, MODEL_CONCURRENCY, model =>
    client.probeModel(candidate, model)
  )
  settings.requiredModels.forEach((model, index) => {
    const outcome = outcomes[index]
    if (outcome)
      probes.models.push({
        id: model,
        classification: classifyProbe(outcome, { ...context, model }, provider)
      })
  })
  if (!settings.inferenceCheck) return probes
  const asked = settings.requiredModels.length > 0 ? settings.requiredModels : [undefined]
  for (const model of asked) {
    if (probes.models.some(probe => probe.id === model && probe.classification.status !== 'valid')) continue
    const result = await client.probeInference(candidate, model)
    if (!result) continue
    probes.inference.push({
      id: result.model,
      classification: classifyProbe(
        result.outcome,
        { ...context, model: result.model, inference: true },
        provider
      )
    })
  }
  return probes
}

function sendableCleaned(format: KeyFormatReport, client: OpenAIClient): string | undefined {
  if (format.cleaned === undefined) return undefined
  return analyzeKeyFormat(format.cleaned, client.provider).sendable ? format.cleaned : undefined
}

/** `required-models` are probed this many at a time. */
const MODEL_CONCURRENCY = 4
