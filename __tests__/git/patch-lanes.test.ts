/** Merging the patch streams of several git processes: long lines stay whole, memory stays bounded, errors surface. */
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from '@jest/globals'
import { mergePatchStreams } from '../../src/git/patch-lanes.js'
import { PatchParser } from '../../src/git/patch-chunks.js'
import type { AddedLine } from '../../src/scan/types.js'
import { drain } from '../helpers/git-fixtures.js'

const ignore = () => undefined
const parserFor = (emit: (line: AddedLine, final: boolean) => void) =>
  new PatchParser(
    { commit: ignore, file: ignore, addedBytes: ignore, line: emit, submodule: ignore },
    { maxLineBytes: 4096 }
  )

function patch(commit: string, path: string, lines: string[]): string {
  return [
    `\0okd-commit ${commit.repeat(40)}`,
    '',
    `diff --git a/${path} b/${path}`,
    `--- a/${path}`,
    `+++ b/${path}`,
    `@@ -0,0 +1,${lines.length} @@`,
    ...lines.map(line => `+${line}`),
    ''
  ].join('\n')
}

async function* chunks(...parts: Array<string | number>): AsyncGenerator<Buffer> {
  for (const part of parts) {
    if (typeof part === 'number') await sleep(part)
    else yield Buffer.from(part)
  }
}

describe('mergePatchStreams', () => {
  it('holds the other lane back while one lane is inside a long line, so its windows come one after another', async () => {
    const long = patch('a', 'long.min.js', [`${'x'.repeat(60_000)}`])
    const cut = long.length - 20_000
    // Lane a stops in the middle of its long line; lane b's lines become ready only then, and a goes on later.
    let releaseB: () => void = () => undefined
    const bReady = new Promise<void>(resolve => (releaseB = resolve))
    async function* laneA(): AsyncGenerator<Buffer> {
      yield Buffer.from(long.slice(0, cut))
      releaseB()
      await sleep(50)
      yield Buffer.from(long.slice(cut))
    }
    async function* laneB(): AsyncGenerator<Buffer> {
      await bReady
      yield Buffer.from(patch('b', 'short.txt', ['one', 'two']))
    }
    const lanes = [laneA(), laneB()]
    const lines = await drain(mergePatchStreams(lanes, parserFor))
    const order = lines.map(line => `${line.path}${line.columnOffset === undefined ? '' : '#'}`)
    const windows = order.filter(entry => entry === 'long.min.js#').length
    expect(windows).toBeGreaterThan(4)
    const first = order.indexOf('long.min.js#')
    expect(order.slice(first, first + windows)).toEqual(Array(windows).fill('long.min.js#'))
    expect(order.filter(entry => entry === 'short.txt')).toHaveLength(2)
  })

  it('reads every lane through, with lanes ending at different times', async () => {
    const lanes = [
      chunks(patch('a', 'a.txt', ['1', '2']), 5, patch('c', 'c.txt', ['3'])),
      chunks(patch('b', 'b.txt', ['4']))
    ]
    const lines = await drain(mergePatchStreams(lanes, parserFor))
    expect(lines.map(line => line.text).sort()).toEqual(['1', '2', '3', '4'])
  })

  it('pauses a lane while the queue is over its high-water mark, and never loses a line', async () => {
    let pulled = 0
    async function* counted(): AsyncGenerator<Buffer> {
      for (let index = 0; index < 50; index++) {
        pulled++
        yield Buffer.from(patch('d', `f${index}.txt`, ['x', 'y', 'z']))
      }
    }
    const merged = mergePatchStreams([counted(), counted()], parserFor, 8)
    const first = await merged.next()
    expect(first.done).toBe(false)
    await sleep(20)
    // Each lane parsed at most a few chunks ahead of the consumer.
    expect(pulled).toBeLessThan(10)
    const rest = await drain(merged)
    expect(rest.length + 1).toBe(2 * 50 * 3)
  })

  it('throws what a lane threw, after the lines read before it', async () => {
    async function* failing(): AsyncGenerator<Buffer> {
      yield Buffer.from(patch('e', 'e.txt', ['before']))
      throw new Error('git died')
    }
    const seen: string[] = []
    await expect(
      (async () => {
        for await (const line of mergePatchStreams(
          [failing(), chunks(patch('f', 'f.txt', ['other']))],
          parserFor
        ))
          seen.push(line.text)
      })()
    ).rejects.toThrow('git died')
    expect(seen).toContain('before')
  })
})
