/** Shared shapes of the leak-scanning pipeline: sources (git, REST, tree) -> scanner -> reporting. */

import type { Cause } from '../core/vocabulary.js'

export type Severity = 'critical' | 'error' | 'warning'

/** One line of text that a change added (or, for `scan: all`, one line of the tree at HEAD). */
export interface AddedLine {
  /** Repository-relative POSIX path. Hostile data: escape before it reaches a workflow command or markdown. */
  path: string
  /** 1-based line number in the file at `commit` (or in the working tree). */
  line: number
  text: string
  /** Full SHA of the commit that added the line; undefined for working-tree and staged scans. */
  commit?: string
  /**
   * Set only when a very long line is scanned in windows: the 0-based offset of `text` within the real
   * line (0 on the first window). Windows of one line must come in order, one after another, and overlap by
   * at least `WINDOW_OVERLAP` (src/scan/scanner.ts) characters, so every secret lies whole in one window.
   */
  columnOffset?: number
  /**
   * Range scans only. Undefined: a line a commit added. `removed`: a line the commit `commit` removed (used to
   * name the commit that removed a key; never reported itself). `head`: a line of the range's net change (base
   * to head), numbered as in the head, with no commit.
   */
  role?: 'removed' | 'head'
  /**
   * The text is the file's path itself (line 0), added to the tree by `commit` (a new, renamed or copied file;
   * with `role: 'removed'`, a name the commit took away): a key in a file name is a committed key.
   */
  inFileName?: true
}

/** A span a detector matched inside one line. Columns are 0-based string offsets [start, end). */
export interface DetectorMatch {
  detectorId: string
  start: number
  end: number
  secret: string
}

export interface Finding {
  detectorId: string
  /** Human name of the detector, e.g. "OpenAI project key". */
  detectorName: string
  severity: Severity
  path: string
  line: number
  /** 1-based inclusive start and end columns, as annotations want. */
  startColumn: number
  endColumn: number
  commit?: string
  /** The raw secret. Never printed: mask it (core.setSecret) and show `redacted` instead. */
  secret: string
  /** First 8 and last 4 characters at most, e.g. `sk-proj-…AbCd`. */
  redacted: string
  /** Stable across rebases and squash merges: hash of detector id and secret (no path, line or commit). */
  fingerprint: string
  /** Filled by verify-leaks for OpenAI keys: live, dead or unknown; undefined when not verified. */
  liveness?: 'live' | 'dead' | 'unknown'
  /** Why the liveness is `unknown` (the check's cause: timeout, network-error, rate-limited, server-error, …). */
  livenessCause?: Cause
  /**
   * Range scans: the key was added inside the range (by `commit`) and is not in its head, so it has no line
   * there; `line` and the columns are its place in the adding commit, and reports show the file only. `commit`
   * of the removal is the commit that removed it, when the range shows one.
   */
  removed?: { commit?: string }
  /**
   * The key is in the file's path, not in its content: reports place it on the file alone (no line; `line` is
   * 0) and show the path redacted, as every channel shows a name that carries a key.
   */
  inFileName?: true
}

/** Something that could not be scanned, and why; the report must say so, never pass it as clean. */
export interface Skipped {
  /** A path, a commit range, or a short label such as "range abc..def". Hostile data when it is a path. */
  what: string
  reason: string
  /** What the user can do about it. */
  fix?: string
  /**
   * Content of the change that could not be scanned (a file too large or unreadable), as opposed to something
   * with no content to scan (a submodule, a symbolic link): it fails a `fail-on: leak` run.
   */
  unscanned?: boolean
}

/** The sources of lines to scan, each registered once in src/scan/sources/registry.ts. */
export type ScanSourceId = 'working-tree' | 'all' | 'staged' | 'range' | 'changed' | 'history'

/** What a scan covered: goes into the summary so nothing passes silently. */
export interface ScanCoverage {
  /** The source that was scanned (src/scan/sources/registry.ts): what it covers, in the reports' words. */
  mode: ScanSourceId
  /** e.g. "pull_request base..head", with short SHAs; undefined for tree scans. */
  range?: string
  /** How the content was obtained: "git", "git (fetched 3 missing commits)", "GitHub REST API", "working tree". */
  source: string
  commits: number
  files: number
  bytes: number
  skipped: Skipped[]
  /** True when some part of the requested range could not be scanned at all. */
  incomplete: boolean
}
