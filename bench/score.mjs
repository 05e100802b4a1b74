// Recall and false alarms: findings matched to planted keys by file, line, redacted form and fingerprint.
// Keys are handled only as their redacted form and a hash; nothing here prints a key.
import { createHash } from 'node:crypto'

/** Same rule as src/core/redact.ts: at most the first 8 and last 4 characters. */
export function redact(secret) {
  const visiblePrefix = Math.min(8, Math.floor(secret.length / 3))
  const visibleSuffix = Math.min(4, Math.floor(secret.length / 6))
  const tail = visibleSuffix > 0 ? secret.slice(-visibleSuffix) : ''
  return `${secret.slice(0, visiblePrefix)}…${tail}`
}

/** The secret part of a finding's fingerprint (`<detector>:<first 16 hex of sha256(secret)>`). */
export function secretHash(secret) {
  return createHash('sha256').update(secret).digest('hex').slice(0, 16)
}

/** What is kept of a planted key: where it is, and how a report may show it. */
export function plantedEntry({ key, file, line, commit, kind, context }) {
  return { file, line, commit, kind, context, redacted: redact(key), hash: secretHash(key) }
}

/** Replaces anything shaped like a key by its redacted form, for printing a child's error output. */
export function scrubKeys(text) {
  return text.replace(/sk-[A-Za-z0-9_-]{12,}/g, match => redact(match))
}

const identity = ({ file, line, redacted, hash, commit }) =>
  [file, line, redacted, hash, commit ?? ''].join('\u0000')

/**
 * `findings`: { file, line, redacted, hash, commit? }. A finding counts for a planted key when all of file,
 * line, redacted form and secret hash (and the commit, for range scans) agree (file, hash and commit for a key
 * that has no line, being no longer in the head); every other finding is a false
 * alarm, named by the look-alike on its line when there is one.
 */
export function score(findings, planted, lookAlikes = [], { matchCommit = false } = {}) {
  // A key no longer in the scanned head has no line (and a SARIF result for it no snippet): file, key and commit.
  const key = entry =>
    identity({
      ...entry,
      ...(matchCommit ? {} : { commit: undefined }),
      ...(entry.line === undefined ? { redacted: '' } : {})
    })
  const expected = new Map(planted.map(entry => [key(entry), entry]))
  const lookAlikeAt = new Map(lookAlikes.map(entry => [`${entry.file}\u0000${entry.line}`, entry.kind]))
  const found = new Set()
  const falseAlarms = []
  for (const finding of findings) {
    const id = key(finding)
    if (expected.has(id)) found.add(id)
    else
      falseAlarms.push({
        file: finding.file,
        line: finding.line,
        redacted: finding.redacted,
        hash: finding.hash,
        commit: finding.commit,
        lookAlike: lookAlikeAt.get(`${finding.file}\u0000${finding.line}`)
      })
  }
  const missed = [...expected].filter(([id]) => !found.has(id)).map(([, entry]) => entry)
  return { found: found.size, planted: expected.size, missed, falseAlarms }
}

/** Findings of a SARIF log, in the shape `score` takes. */
export function sarifFindings(sarif) {
  return sarif.runs.flatMap(run =>
    run.results.map(result => {
      const location = result.locations[0].physicalLocation
      const fingerprint = result.properties?.fingerprint ?? ''
      return {
        file: location.artifactLocation.uri.split('/').map(decodeURIComponent).join('/'),
        // A key no longer in the scanned head (history scans) has no region: its file is the location.
        line: location.region?.startLine,
        redacted: location.region?.snippet?.text ?? '',
        hash: fingerprint.slice(fingerprint.lastIndexOf(':') + 1),
        commit: result.properties?.commit ?? undefined,
        detector: result.ruleId
      }
    })
  )
}

/** Findings of the CLI's `--json` report, in the shape `score` takes, and the report's coverage. */
export function cliFindings(stdout) {
  const report = JSON.parse(stdout)
  return {
    findings: report.leaks.map(leak => ({
      file: leak.path,
      line: leak.line,
      redacted: leak.redacted,
      hash: leak.fingerprint.slice(leak.fingerprint.lastIndexOf(':') + 1),
      commit: leak.commit ?? undefined
    })),
    coverage: report.coverage
  }
}

/** Findings of `rg -o -n --with-filename` output (`path:line:match`, one match per line). */
export function ripgrepFindings(output) {
  const findings = []
  for (const row of output.split('\n')) {
    const match = /^(.*?):(\d+):(.*)$/.exec(row)
    if (!match) continue
    const secret = match[3].replace(/\r$/, '')
    findings.push({
      file: match[1].replace(/^\.\//, ''),
      line: Number(match[2]),
      redacted: redact(secret),
      hash: secretHash(secret)
    })
  }
  return findings
}
