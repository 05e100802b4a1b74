/**
 * What one HTTP probe against the OpenAI API came back with, after the client's retries.
 * Produced by the adapter in src/openai/, consumed by the pure classifier in src/core/classify.ts.
 */
export type ProbeOutcome =
  | {
      kind: 'response'
      status: number
      /** Raw response body text (may be JSON, HTML from a proxy, truncated, empty). */
      body: string
      /** `x-request-id` (or `apim-request-id` / `request-id`) header when present. */
      requestId?: string
      /** How many attempts were made in total (1 = no retry). */
      attempts: number
    }
  | { kind: 'timeout'; attempts: number; timeoutMs: number }
  | { kind: 'network-error'; attempts: number; code: string; message: string }

/** What was sent, so the classifier can compare the API's masked echo with it. */
export interface ProbeContext {
  /** The exact key sent after `Bearer `. Never printed; only compared. */
  sentKey: string
  organizationSent: boolean
  projectSent: boolean
  /** For `GET /models/{id}` probes: the model id asked for. */
  model?: string
}
