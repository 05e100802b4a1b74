// The floor of a full-tree scan in Node: what a Node program costs that does only the unavoidable part of one.
// It lists the tracked files (`git ls-files -z`), opens each as the checkout reader does (no-follow, non-blocking,
// fstat on the descriptor), reads it into one reused buffer and searches it for the OpenAI marker with
// Buffer#indexOf. No detection, no report, no module of ours: no scan in Node can be faster than this, so its
// ratio to `rg -j1` says how much of a miss is Node itself. Prints the files read, their bytes and the marker count.
import { execFileSync } from 'node:child_process'
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs'

const MARKER = Buffer.from('T3BlbkFJ')
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK
const listing = execFileSync('git', ['ls-files', '-z'], { maxBuffer: 1 << 30 })

let buffer = Buffer.allocUnsafe(1 << 20)
let files = 0
let bytes = 0
let markers = 0
for (let start = 0, end = listing.indexOf(0); end !== -1; start = end + 1, end = listing.indexOf(0, start)) {
  let descriptor
  try {
    descriptor = openSync(listing.subarray(start, end), OPEN_FLAGS)
  } catch {
    continue
  }
  try {
    const stats = fstatSync(descriptor)
    if (!stats.isFile()) continue
    if (stats.size > buffer.length) buffer = Buffer.allocUnsafe(stats.size)
    const length = readSync(descriptor, buffer, 0, stats.size, 0)
    const content = buffer.subarray(0, length)
    for (let at = content.indexOf(MARKER); at !== -1; at = content.indexOf(MARKER, at + 1)) markers++
    files++
    bytes += length
  } finally {
    closeSync(descriptor)
  }
}
process.stdout.write(`${JSON.stringify({ files, bytes, markers })}\n`)
