import type { FailOnValue, ScanMode } from '../core/vocabulary.js'
import type { AuthSchemeChoice, ProviderChoice } from '../providers/registry.js'

/** Everything the engine needs, typed and validated; built from action inputs (action-inputs.ts) or CLI flags (cli-args.ts). */
export interface Settings {
  /** The key exactly as given, untrimmed: whitespace is itself a diagnosis. */
  apiKey: string
  baseUrl: string
  organization: string
  project: string
  /** Which service `base-url` is: `auto` recognises it from the host (docs/providers.md). */
  provider: ProviderChoice
  /** How the key is sent: `auto` (the provider's usual way for the key's shape), `bearer` or `api-key`. */
  authScheme: AuthSchemeChoice
  /** A gateway's own credential (a secret, masked like the key), and the header it goes in ('' = the provider's default). */
  gatewayToken: string
  gatewayHeader: string
  liveness: boolean
  requiredModels: string[]
  /** One minimal billable request per required model (or a default model), so quota and billing become verdicts. */
  inferenceCheck: boolean
  scan: ScanMode
  verifyLeaks: boolean
  failOn: ReadonlySet<FailOnValue>
  sarifFile: string
  githubToken: string
  timeoutMs: number
}
