/**
 * What one HTTP probe came back with, after the client's retries. Produced by the adapter in src/openai/,
 * consumed by the pure classifier in src/core/classify.ts.
 */
import type { AuthScheme } from '../providers/types.js'

export type ProbeOutcome =
  | {
      kind: 'response'
      status: number
      /** Raw response body text (may be JSON, HTML from a proxy, truncated, empty). */
      body: string
      /** `x-request-id` (or `apim-request-id` / `request-id`) header when present. */
      requestId?: string
      /** The answer carries OpenAI's own response headers (`openai-organization`, `openai-version`): OpenAI answered. */
      fromOpenAI?: boolean
      /** A request with a made-up credential got a 2xx too: this endpoint does not check keys. */
      unproven?: boolean
      /** How many attempts were made in total (1 = no retry). */
      attempts: number
    }
  | { kind: 'timeout'; attempts: number; timeoutMs: number }
  | { kind: 'network-error'; attempts: number; code: string; message: string }

/** What was sent, so the classifier can compare the API's masked echo with it. */
export interface ProbeContext {
  /** The exact key sent. Never printed; only compared. */
  sentKey: string
  organizationSent: boolean
  projectSent: boolean
  /** How the key was sent; `bearer` when not said. */
  auth?: AuthScheme
  /** A gateway credential went along, and in which header. */
  gatewayTokenSent?: boolean
  gatewayHeader?: string
  /** For model probes and inference requests: the model asked for. */
  model?: string
  /** The answer is to a billable inference request (the `inference-check`). */
  inference?: boolean
}
