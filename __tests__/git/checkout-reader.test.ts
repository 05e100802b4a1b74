/** The one reader of the checkout: no link followed, nothing but regular files read, never a wait, never unbounded. */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  CheckoutReader,
  checkoutRoot,
  isOpen,
  NOT_FOLLOWED,
  NOT_REGULAR,
  OUTSIDE
} from '../../src/git/checkout-reader.js'

let root: string
let checkout: string
let outside: string
let reader: CheckoutReader

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'okd-checkout-reader-'))
  checkout = path.join(root, 'checkout')
  outside = path.join(root, 'outside')
  fs.mkdirSync(path.join(checkout, 'src'), { recursive: true })
  fs.mkdirSync(outside)
  fs.writeFileSync(path.join(outside, 'secret.txt'), 'OUTSIDE-MARKER\n')
  fs.writeFileSync(path.join(checkout, 'plain.txt'), 'PLAIN\n')
  fs.writeFileSync(path.join(checkout, 'src', 'app.js'), 'APP\n')
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(checkout, 'link-out.txt'))
  fs.symlinkSync('plain.txt', path.join(checkout, 'link-in.txt'))
  fs.symlinkSync(outside, path.join(checkout, 'dir-out'))
  fs.symlinkSync('src', path.join(checkout, 'dir-in'))
  fs.mkdirSync(path.join(checkout, 'a-directory'))
  execFileSync('mkfifo', [path.join(checkout, 'pipe.txt')])
  reader = await CheckoutReader.at(checkout)
})
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

describe('CheckoutReader.readWhole', () => {
  it('reads a regular file, also through a directory link that stays inside', () => {
    expect(text(reader.readWhole('plain.txt', 100))).toBe('PLAIN\n')
    expect(text(reader.readWhole('dir-in/app.js', 100))).toBe('APP\n')
  })

  it('never follows a link in the name, wherever it points', () => {
    expect(reader.readWhole('link-out.txt', 100)).toEqual({
      refused: { reason: NOT_FOLLOWED, unreadable: false }
    })
    expect(reader.readWhole('link-in.txt', 100)).toEqual({
      refused: { reason: NOT_FOLLOWED, unreadable: false }
    })
  })

  it('never reads outside: a directory link leading out, `..`, absolute and empty components', () => {
    for (const name of [
      'dir-out/secret.txt',
      '../outside/secret.txt',
      `${outside}/secret.txt`,
      'src//app.js'
    ]) {
      expect({ name, read: reader.readWhole(name, 100) }).toEqual({
        name,
        read: { refused: { reason: OUTSIDE, unreadable: false } }
      })
    }
  })

  it('refuses a FIFO at once, with or without a writer, and a directory', () => {
    expect(reader.readWhole('pipe.txt', 100)).toEqual({ refused: { reason: NOT_REGULAR, unreadable: false } })
    // A writer holding the FIFO open with data waiting: still not read as if it were the file.
    const writer = fs.openSync(path.join(checkout, 'pipe.txt'), fs.constants.O_RDWR)
    try {
      fs.writeSync(writer, 'FROM-A-WRITER\n')
      expect(reader.readWhole('pipe.txt', 100)).toEqual({
        refused: { reason: NOT_REGULAR, unreadable: false }
      })
    } finally {
      fs.closeSync(writer)
    }
    expect(reader.readWhole('a-directory', 100)).toEqual({
      refused: { reason: NOT_REGULAR, unreadable: false }
    })
  })

  it('is bounded: a file over the limit is not read, and a missing one is missing', () => {
    expect(reader.readWhole('plain.txt', 5)).toEqual({ tooLarge: true, size: 6 })
    expect(reader.readWhole('gone.txt', 100)).toEqual({ missing: true })
    expect(reader.readWhole('plain.txt/below', 100)).toEqual({ missing: true })
  })
})

describe('CheckoutReader.open', () => {
  it('reads what it checked: a link swapped in after the open changes nothing', () => {
    const swapped = path.join(checkout, 'swapped.txt')
    fs.writeFileSync(swapped, 'CHECKED\n')
    const opened = reader.open('swapped.txt')
    if (opened === undefined || !isOpen(opened)) throw new Error('not opened')
    try {
      fs.rmSync(swapped)
      fs.symlinkSync(path.join(outside, 'secret.txt'), swapped)
      expect(text(reader.readOpen(opened, 100))).toBe('CHECKED\n')
    } finally {
      fs.closeSync(opened.descriptor)
    }
    expect(reader.readWhole('swapped.txt', 100)).toEqual({
      refused: { reason: NOT_FOLLOWED, unreadable: false }
    })
  })
})

describe('checkoutRoot', () => {
  it('is the directory itself when it holds .git, else what git says', async () => {
    const repository = path.join(root, 'repository')
    execFileSync('git', ['init', '-q', repository])
    fs.mkdirSync(path.join(repository, 'sub'))
    expect(await checkoutRoot(repository)).toBe(repository)
    expect(fs.realpathSync(await checkoutRoot(path.join(repository, 'sub')))).toBe(
      fs.realpathSync(repository)
    )
    await expect(checkoutRoot(outside)).rejects.toThrow()
  })
})

function text(read: ReturnType<CheckoutReader['readWhole']>): string | undefined {
  return 'bytes' in read ? read.bytes.toString('utf8') : undefined
}
