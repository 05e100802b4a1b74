/**
 * Places every finding of a range scan in the range's head, where GitHub shows annotations and code-scanning
 * alerts (issue 10): a line added by one commit and pushed down, moved or renamed by later ones is reported at
 * its line in the head, with the commit that added it; a key added and removed inside the range is reported
 * with the adding and the removing commit and no line; a key only the net change shows (a merge of an old
 * commit re-adding it) is reported at its head line with the head commit. A key in a file name is placed on its
 * file while the head has a file of that name, else reported as removed like a key in content.
 *
 * Pure, apart from reading head files through `HeadFiles`: lines come from the head's own content, so a
 * finding is never put on a line that does not hold its key.
 */
import { groupBy } from '../core/group.js'
import type { HeadFiles } from '../scan/coverage.js'
import { splitLines } from '../git/lines.js'
import { decodeText } from '../scan/decode.js'
import type { Finding } from '../scan/types.js'

export interface RangeFindings {
  /** Found in lines the range's commits added, in the order git showed them. */
  added: readonly SequencedFinding[]
  /** Found in lines the range's commits removed (each with the removing commit), in the same order. */
  removed: readonly SequencedFinding[]
  /** Found in the range's net change, numbered as in the head, without a commit. */
  inHead: readonly Finding[]
}

/** A finding with its position in the stream of the range's lines, to tell what came after what. */
export interface SequencedFinding {
  finding: Finding
  sequence: number
}

export async function locateInHead(findings: RangeFindings, head: HeadFiles): Promise<Finding[]> {
  const located: Finding[] = []
  const placed = new Set<string>()
  const place = (finding: Finding) => {
    placed.add(placeKey(finding))
    located.push(finding)
  }

  // Each net-change finding stands for one added finding of the same key and kind: the same file first, then any
  // file (a rename the net change shows as an added file).
  const unclaimed = groupBy(findings.inHead, keyAndKind)
  const removals = groupBy(findings.removed, entry => keyAndKind(entry.finding))
  const pending: SequencedFinding[] = []
  for (const entry of findings.added) {
    const candidates = unclaimed.get(keyAndKind(entry.finding)) ?? []
    const samePath = candidates.findIndex(candidate => candidate.path === entry.finding.path)
    const [inHead] = candidates.splice(Math.max(samePath, 0), 1)
    if (inHead === undefined) pending.push(entry)
    else place(withCommit(inHead, entry.finding.commit))
  }
  // What no commit added, by key in the order the net change first shows each, then in the net change's order.
  const unclaimedLeft = new Set([...unclaimed.values()].flat())
  for (const sameKey of groupBy(findings.inHead, finding => finding.fingerprint).values()) {
    for (const finding of sameKey) if (unclaimedLeft.has(finding)) place(withCommit(finding, head.commit))
  }

  // The rest are keys the net change does not show: still in the head where the base had them too, or gone.
  const files = await head.read(pending.map(entry => entry.finding.path))
  const lines = new Map<string, HeadLine[]>()
  for (const entry of pending) {
    const finding = entry.finding
    const content = files.get(finding.path)
    let fileLines = lines.get(finding.path)
    if (fileLines === undefined && content !== undefined && !finding.inFileName) {
      fileLines = await linesHolding(content, pendingSecrets(pending, finding.path))
      lines.set(finding.path, fileLines)
    }
    // A name is in the head when its file is; a key in content, on the lines that hold it.
    const occurrences = finding.inFileName
      ? content === undefined
        ? []
        : [finding]
      : (fileLines ?? []).flatMap(line => occurrencesIn(line, finding))
    if (occurrences.length > 0) {
      const free = occurrences.find(occurrence => !placed.has(placeKey(occurrence)))
      if (free) place(free)
      continue
    }
    const removal = removals.get(keyAndKind(finding))?.find(candidate => candidate.sequence > entry.sequence)
    const key = `${finding.path}\0${keyAndKind(finding)}\0removed`
    if (placed.has(key)) continue
    placed.add(key)
    located.push({ ...finding, removed: removal?.finding.commit ? { commit: removal.finding.commit } : {} })
  }
  return located
}

interface HeadLine {
  line: number
  text: string
}

/** The key and whether it is in a file name or in content: a key in one never stands for the other. */
function keyAndKind(finding: Finding): string {
  return `${finding.fingerprint}\0${finding.inFileName ? 'name' : 'content'}`
}

function withCommit(finding: Finding, commit: string | undefined): Finding {
  const copy = { ...finding }
  if (commit === undefined) delete copy.commit
  else copy.commit = commit
  return copy
}

function placeKey(finding: Finding): string {
  return `${finding.path}\0${finding.line}\0${finding.startColumn}\0${finding.fingerprint}`
}

function pendingSecrets(pending: readonly SequencedFinding[], path: string): string[] {
  return [...new Set(pending.filter(entry => entry.finding.path === path).map(entry => entry.finding.secret))]
}

/** The head file's lines that hold any of `secrets` (decoded as the scan decodes them). */
async function linesHolding(content: Buffer, secrets: readonly string[]): Promise<HeadLine[]> {
  const found: HeadLine[] = []
  let line = 0
  for await (const segment of splitLines([content], Number.MAX_SAFE_INTEGER)) {
    line++
    const text = decodeText(segment.bytes)
    if (secrets.some(secret => text.includes(secret))) found.push({ line, text })
  }
  return found
}

function occurrencesIn(headLine: HeadLine, finding: Finding): Finding[] {
  const occurrences: Finding[] = []
  for (
    let at = headLine.text.indexOf(finding.secret);
    at !== -1;
    at = headLine.text.indexOf(finding.secret, at + 1)
  ) {
    occurrences.push({
      ...finding,
      line: headLine.line,
      startColumn: at + 1,
      endColumn: at + finding.secret.length
    })
  }
  return occurrences
}
