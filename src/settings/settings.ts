import type { FailOnValue, ScanMode } from '../core/vocabulary.js'

/** Everything the engine needs, typed and validated; built from action inputs (action-inputs.ts) or CLI flags (cli-args.ts). */
export interface Settings {
  /** The key exactly as given, untrimmed: whitespace is itself a diagnosis. */
  apiKey: string
  baseUrl: string
  organization: string
  project: string
  liveness: boolean
  requiredModels: string[]
  scan: ScanMode
  verifyLeaks: boolean
  failOn: ReadonlySet<FailOnValue>
  sarifFile: string
  githubToken: string
  timeoutMs: number
}
