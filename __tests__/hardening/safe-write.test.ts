/**
 * writeFileInside against real symbolic links in a temp directory: what a hostile checkout can plant where the
 * action writes its SARIF log. Nothing may be created or changed outside the allowed roots.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  UnsafeWriteError,
  writeFileInside,
  writeRoots,
  type WriteRoots
} from '../../src/runner/safe-write.js'

let root: string
let workspace: string
let runnerTemp: string
let outside: string
let roots: WriteRoots

beforeEach(() => {
  root = realpathSync(mkdtempSync(path.join(tmpdir(), 'okd-safe-write-')))
  workspace = path.join(root, 'workspace')
  runnerTemp = path.join(root, 'temp')
  outside = path.join(root, 'outside')
  for (const dir of [workspace, runnerTemp, outside]) mkdirSync(dir)
  writeFileSync(path.join(outside, 'victim'), 'untouched\n')
  roots = writeRoots('action', { GITHUB_WORKSPACE: workspace, RUNNER_TEMP: runnerTemp }, '/')
})

afterEach(() => rmSync(root, { recursive: true, force: true }))

/** The outside directory still holds exactly the victim, unchanged. */
function expectOutsideUntouched(): void {
  expect(readdirSync(outside, { recursive: true })).toEqual(['victim'])
  expect(readFileSync(path.join(outside, 'victim'), 'utf8')).toBe('untouched\n')
}

function refusal(file: string): string {
  try {
    writeFileInside(file, 'attack\n', roots)
  } catch (error) {
    expect(error).toBeInstanceOf(UnsafeWriteError)
    return (error as Error).message
  }
  throw new Error(`${file} was written`)
}

describe('writeFileInside writes', () => {
  it('a relative path under the workspace, creating its directories', () => {
    const written = writeFileInside('reports/deep/okd.sarif', 'one\n', roots)
    expect(written).toBe(path.join(workspace, 'reports/deep/okd.sarif'))
    expect(readFileSync(written, 'utf8')).toBe('one\n')
    // Replacing an existing regular file, and leaving no temporary file behind.
    writeFileInside('reports/deep/okd.sarif', 'two\n', roots)
    expect(readFileSync(written, 'utf8')).toBe('two\n')
    expect(readdirSync(path.dirname(written))).toEqual(['okd.sarif'])
  })

  it('an absolute path under RUNNER_TEMP', () => {
    const target = path.join(runnerTemp, 'out', 'okd.sarif')
    expect(writeFileInside(target, 'x\n', roots)).toBe(target)
    expect(readFileSync(target, 'utf8')).toBe('x\n')
  })

  it('through a linked directory that stays inside the workspace', () => {
    mkdirSync(path.join(workspace, 'real-reports'))
    symlinkSync('real-reports', path.join(workspace, 'reports'))
    writeFileInside('reports/okd.sarif', 'x\n', roots)
    expect(readFileSync(path.join(workspace, 'real-reports/okd.sarif'), 'utf8')).toBe('x\n')
  })
})

describe('writeFileInside refuses, writing nothing outside', () => {
  it('a target that is a link to a file outside', () => {
    symlinkSync(path.join(outside, 'victim'), path.join(workspace, 'okd.sarif'))
    expect(refusal('okd.sarif')).toMatch(
      /okd\.sarif is a symbolic link: it is not followed and nothing was written/
    )
    expectOutsideUntouched()
    expect(lstatSync(path.join(workspace, 'okd.sarif')).isSymbolicLink()).toBe(true)
  })

  it('a dangling link to a file outside that does not exist yet', () => {
    symlinkSync(path.join(outside, 'new-file'), path.join(workspace, 'okd.sarif'))
    expect(refusal('okd.sarif')).toMatch(/symbolic link/)
    expectOutsideUntouched()
  })

  it('a file under a linked parent directory, and a directory to create under it', () => {
    symlinkSync(outside, path.join(workspace, 'reports'))
    expect(refusal('reports/okd.sarif')).toMatch(/reports is a symbolic link out of the workspace/)
    expect(refusal('reports/new/deeper/okd.sarif')).toMatch(/symbolic link out of the workspace/)
    expectOutsideUntouched()
  })

  it('a file under a dangling linked directory', () => {
    symlinkSync(path.join(outside, 'missing'), path.join(workspace, 'reports'))
    expect(refusal('reports/okd.sarif')).toMatch(/symbolic link that leads nowhere/)
    expectOutsideUntouched()
  })

  it('`..` paths and absolute paths outside', () => {
    expect(refusal('../outside/victim')).toMatch(
      /is outside the workspace \(.*\) or RUNNER_TEMP \(.*\): nothing was written/
    )
    expect(refusal('reports/../../outside/new')).toMatch(/is outside the workspace/)
    expect(refusal(path.join(outside, 'new'))).toMatch(/is outside/)
    expect(refusal('/etc/okd-should-not-exist.sarif')).toMatch(/is outside/)
    expectOutsideUntouched()
    expect(existsSync('/etc/okd-should-not-exist.sarif')).toBe(false)
  })

  it('a workspace-relative directory named like a sibling of the workspace', () => {
    mkdirSync(`${workspace}-other`)
    expect(refusal(`${workspace}-other/okd.sarif`)).toMatch(/is outside/)
    expect(readdirSync(`${workspace}-other`)).toEqual([])
  })
})

describe('writeRoots', () => {
  it('takes the CLI path from the working directory, the action path from GITHUB_WORKSPACE', () => {
    expect(writeRoots('cli', { GITHUB_WORKSPACE: '/w' }, '/c')).toEqual({
      base: '/c',
      allowed: [{ label: 'the working directory', dir: '/c' }]
    })
    expect(writeRoots('action', { GITHUB_WORKSPACE: '/w', RUNNER_TEMP: '/t' }, '/c').allowed).toEqual([
      { label: 'the workspace', dir: '/w' },
      { label: 'RUNNER_TEMP', dir: '/t' }
    ])
  })
})
