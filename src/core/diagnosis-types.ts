import type { Cause, KeyStatus, KeyType } from './vocabulary.js'

/** The ten causes of seed/openai-401-guide.txt, in the guide's order. */
export const CHECKLIST_IDS = [
  'missing-key',
  'typo',
  'placeholder',
  'other-account',
  'whitespace',
  'revoked',
  'env-var-name',
  'client-setup',
  'proxy',
  'outdated-library'
] as const
export type ChecklistId = (typeof CHECKLIST_IDS)[number]

export type ChecklistVerdict = 'confirmed' | 'likely' | 'ruled-out' | 'not-checkable'

export interface ChecklistItem {
  id: ChecklistId
  /** The guide's wording of the cause, e.g. "Extra whitespace". */
  title: string
  verdict: ChecklistVerdict
  /** Why: the evidence (file and line where there is one), or why it cannot be checked from here. Never the key. */
  evidence: string
  /**
   * The evidence as the summary and the text report show it, under the verdict that quotes the server's answer:
   * it points there instead of citing that answer's status and code again. Absent when it would not differ
   * (the JSON report keeps `evidence`, whole: a row read on its own).
   */
  besideVerdict?: string
  /** When the evidence lists places (files and lines), each of them on its own, as `evidence` lists them. */
  places?: string[]
  /**
   * This row confirms the cause the verdict names: its evidence is what the headline and cause already say, so
   * the summary and the text report point there instead of saying it again (JSON keeps every row whole).
   */
  verdictCause?: true
}

/** A place in the repository that backs a checklist verdict (issue 5: workflows, SDK pins, leaked copies). */
export interface RepoEvidence {
  path: string
  /** 0: the file as a whole (the key is in its name). */
  line: number
  message: string
  commit?: string
  /** A history or range scan saw the key removed from this file later: it is not at the head any more. */
  removed?: boolean
}

/** What kept the repository checks from looking at everything. */
export type RepoCheckLimit =
  /** The workspace could not be read at all. */
  | 'unreadable'
  /** More files than the checks read. */
  | 'files'
  /** More source bytes than the checks read. */
  | 'bytes'
  /** Files over the size limit, not read. */
  | 'large-files'
  /** Symbolic links, FIFOs and devices, not read. */
  | 'not-read'
  /** More env var names than the checks compare. */
  | 'names'
  /** The checks' time budget ran out. */
  | 'time'

export interface RepoCheckCut {
  limit: RepoCheckLimit
  /** Plain words for the report, e.g. "only the first 5000 env var reads were compared (of 12000)". */
  detail: string
}

/** What the repository says about the causes no API response can show; all optional. */
export interface RepoFindings {
  envVarName?: RepoEvidence[]
  outdatedLibrary?: RepoEvidence[]
  /** Where the configured key itself is committed (it makes an `invalid` key "most likely revoked by leak detection"). */
  configuredKeyCommitted?: RepoEvidence[]
  /** True when the corresponding repository check actually ran (so "none found" means ruled out). */
  checkedEnvVarNames?: boolean
  checkedLibraries?: boolean
  checkedHistory?: boolean
  /**
   * The history searched for the configured key is cut short (a shallow clone, a git failure): only `commits`
   * were searched, so "not committed" cannot be said; `fix` tells how to search it all.
   */
  historyNotFullySearched?: { commits: number; fix?: string }
  /** Why a repository check had nothing to read; the checklist then says "not checked" and why. */
  envVarNamesNotChecked?: string
  librariesNotChecked?: string
  /** The checks ran but a limit or their time budget cut them short: what they report is not all there is. */
  notFullyChecked?: RepoCheckCut[]
}

/** Facts about where the run happens, used to tell "missing" from "skipped" and to name env vars. */
export interface RunContext {
  /** GitHub event name, or "local" for the CLI. */
  eventName: string
  actor: string
  isForkPullRequest: boolean
  isDependabot: boolean
  inActions: boolean
  /** Names (never values) of set env vars that silently change what OpenAI SDKs send. */
  influencingEnvVars: string[]
}

export interface KeyFingerprint {
  type: KeyType
  length: number
  /** At most the first 8 and last 4 characters, e.g. `sk-proj-…Q9xA`; empty string for keys too short to show anything. */
  redacted: string
}

export interface ModelCheck {
  id: string
  accessible: boolean | undefined
  /** Plain words: "accessible", "not accessible to this key (404 model_not_found)", "could not check: timeout". */
  detail: string
}

export interface Diagnosis {
  keyStatus: KeyStatus
  cause: Cause
  /** '' when there is no key at all. */
  keyType: KeyType | ''
  /** One line, e.g. "The API rejected the key: 401 invalid_api_key". */
  headline: string
  /** The cause in plain words. */
  explanation: string
  /** What to do about it. */
  fix: string
  fingerprint?: KeyFingerprint
  requestId?: string
  /** What the server answered, for every verdict that came from an answer: status, code, scrubbed message. */
  serverSaid?: ServerSaid
  /** Extra facts worth reading: the cleaned key's liveness, env vars that change requests (by name), retries made. */
  notes: string[]
  checklist: ChecklistItem[]
  models: ModelCheck[]
}

/** The server's own words: the HTTP status, its error code (when it adds to the status) and its message. */
export interface ServerSaid {
  httpStatus: number
  code?: string
  /** Scrubbed of the key and of echoes, one line, at most 300 characters. Hostile text: escape it where shown. */
  message?: string
  /** The body was cut short: the code and message are what arrived. */
  truncated?: true
}
