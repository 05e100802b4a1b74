/**
 * Several patch streams (one per git process) parsed as their output arrives and merged into one stream of
 * added lines, with bounded memory:
 * - a queue of parsed lines; a lane whose chunk leaves the queue over `highWater` waits until the consumer
 *   drains it, so git blocks on its pipe instead of filling memory;
 * - the windows of a long line must reach the scanner one after another (it holds back a key cut by a window's
 *   edge until the next window), so a lane that stops inside a long line holds every other lane back until the
 *   line ends.
 */
import type { AddedLine } from '../scan/types.js'
import type { BytePrefilter, CoverageRecorder } from '../scan/coverage.js'
import { PatchParser, type PatchSink } from './patch-chunks.js'

const DEFAULT_HIGH_WATER = 4096

/** Makes the parser of one lane; `emit` takes its lines (`final` is false for a window another one follows). */
export type LaneParserFactory = (emit: (line: AddedLine, final: boolean) => void) => PatchParser

export async function* mergePatchStreams(
  outputs: ReadonlyArray<AsyncIterable<Buffer>>,
  newParser: LaneParserFactory,
  highWater = DEFAULT_HIGH_WATER
): AsyncGenerator<AddedLine> {
  const queue: AddedLine[] = []
  let wakeConsumer: (() => void) | undefined
  const roomWaiters: Array<() => void> = []
  const turnWaiters: Array<() => void> = []
  /** The lane inside a long line, if any. */
  let owner: number | undefined
  let running = outputs.length
  let failure: { error: unknown } | undefined

  const wake = () => {
    const resume = wakeConsumer
    wakeConsumer = undefined
    resume?.()
  }
  const release = (lane: number) => {
    if (owner !== lane) return
    owner = undefined
    for (const resume of turnWaiters.splice(0)) resume()
  }

  const pump = async (lane: number, output: AsyncIterable<Buffer>) => {
    let inLongLine = false
    const parser = newParser((line, final) => {
      queue.push(line)
      inLongLine = !final
    })
    for await (const chunk of output) {
      while (owner !== undefined && owner !== lane)
        await new Promise<void>(resolve => turnWaiters.push(resolve))
      parser.push(chunk)
      if (inLongLine) owner = lane
      else release(lane)
      wake()
      while (queue.length > highWater) await new Promise<void>(resolve => roomWaiters.push(resolve))
    }
    parser.end()
    release(lane)
  }

  outputs.forEach((output, lane) => {
    pump(lane, output).then(
      () => {
        running--
        wake()
      },
      (error: unknown) => {
        failure ??= { error }
        running--
        release(lane)
        wake()
      }
    )
  })

  while (running > 0 || queue.length > 0) {
    if (queue.length === 0) {
      await new Promise<void>(resolve => (wakeConsumer = resolve))
      continue
    }
    const batch = queue.splice(0, queue.length)
    for (const resume of roomWaiters.splice(0)) resume()
    yield* batch
  }
  if (failure) throw failure.error
}

export interface PatchReading {
  maxLineBytes: number
  /** Only added lines the prefilter cannot rule out become text (history scans). */
  prefilter?: BytePrefilter
  /** Removed lines too (range scans: the commit that removed a key). */
  removedLines?: boolean
  /** Count files and bytes in the coverage (default true; not for a range's net change, counted already). */
  counted?: boolean
  /** Collects the commits read, in the order git wrote them. */
  commits?: string[]
  /** Collects the renames read (file names are hostile data: only ever compared). */
  renames?: Rename[]
}

export interface Rename {
  commit: string
  from: string
  to: string
}

/** git's patch outputs parsed as they arrive (one parser per output), with what they cover recorded. */
export function parsePatchStreams(
  outputs: ReadonlyArray<AsyncIterable<Buffer>>,
  coverage: CoverageRecorder,
  reading: PatchReading
): AsyncGenerator<AddedLine> {
  return mergePatchStreams(outputs, emit => new PatchParser(coverageSink(coverage, emit, reading), reading))
}

/** Records coverage (commits, files, bytes, submodules) while lines go to `onLine`. */
function coverageSink(
  coverage: CoverageRecorder,
  onLine: PatchSink['line'],
  reading: PatchReading
): PatchSink {
  const counted = reading.counted ?? true
  return {
    commit: sha => {
      coverage.commits++
      reading.commits?.push(sha)
    },
    file: path => {
      if (counted) coverage.addFile(path)
    },
    addedBytes: count => {
      if (counted) coverage.bytes += count
    },
    line: onLine,
    submodule: path => coverage.skip({ what: path, reason: 'submodule: scan it in its own repository' }),
    renamed: (from, to, commit) => {
      if (commit !== undefined) reading.renames?.push({ commit, from, to })
    }
  }
}
