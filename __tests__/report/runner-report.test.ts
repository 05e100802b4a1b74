import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { planAnnotations } from '../../src/report/annotations.js'
import { emitAnnotations, maskSecret, setOutputs, writeSummary } from '../../src/runner/report.js'
import { writeSarifFile } from '../../src/runner/sarif-file.js'
import { HOSTILE, makeFinding, projectKey } from './fixtures.js'
import { commandsIn, plainLines } from './runner-commands.js'

const ENV_KEYS = ['GITHUB_STEP_SUMMARY', 'GITHUB_OUTPUT', 'GITHUB_WORKSPACE', 'RUNNER_DEBUG'] as const
let savedEnv: Record<string, string | undefined>
let stdout: string
let tempDir: string

beforeEach(() => {
  savedEnv = Object.fromEntries(ENV_KEYS.map(key => [key, process.env[key]]))
  for (const key of ENV_KEYS) delete process.env[key]
  stdout = ''
  jest.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array) => {
    stdout += String(chunk)
    return true
  }) as typeof process.stdout.write)
  tempDir = mkdtempSync(path.join(tmpdir(), 'okd-report-'))
})

afterEach(() => {
  jest.restoreAllMocks()
  for (const key of ENV_KEYS) {
    if (savedEnv[key] === undefined) delete process.env[key]
    else process.env[key] = savedEnv[key]
  }
  rmSync(tempDir, { recursive: true, force: true })
})

describe('emitAnnotations', () => {
  it('turns hostile file names into annotations that decode to the exact path, and into nothing else', () => {
    const findings = HOSTILE.slice(0, 10).map((name, i) => makeFinding({ path: name, line: i + 1 }))
    const plan = planAnnotations(findings)
    emitAnnotations(plan)

    const commands = commandsIn(stdout)
    expect(commands).toHaveLength(plan.annotations.length)
    expect(plainLines(stdout)).toEqual([])
    commands.forEach((command, i) => {
      const planned = plan.annotations[i]
      expect(command.legacy).toBe(false)
      expect(command.command).toBe(planned.level)
      expect(command.data).toBe(planned.message)
      expect(command.properties).toEqual({
        title: planned.title,
        file: planned.file,
        line: String(planned.startLine),
        endLine: String(planned.endLine),
        col: String(planned.startColumn),
        endColumn: String(planned.endColumn)
      })
    })
    // Every hostile name reached the runner unchanged as the file property.
    expect(commands.map(c => c.properties.file).sort()).toEqual(findings.map(f => f.path).sort())
  })

  it('writes one line per annotation even when a name holds CR, LF and command text', () => {
    const finding = makeFinding({
      path: 'a\r\n::add-mask::x\n::stop-commands::t\r::set-output name=leaks::0'
    })
    emitAnnotations(planAnnotations([finding]))
    expect(stdout.split(/\r\n|\r|\n/).filter(Boolean)).toHaveLength(1)
    expect(commandsIn(stdout).map(c => c.command)).toEqual(['error'])
  })

  it('emits the overflow notice last', () => {
    emitAnnotations(planAnnotations(Array.from({ length: 11 }, () => makeFinding())))
    const commands = commandsIn(stdout)
    expect(commands).toHaveLength(11)
    expect(commands[10].command).toBe('notice')
    expect(commands[10].data).toMatch(/^1 more leaked key \(1 error\)/)
  })
})

describe('maskSecret', () => {
  it('masks the value and its trimmed form, exactly as given', () => {
    const key = projectKey(7)
    maskSecret(`  ${key}\n`)
    const masks = commandsIn(stdout)
      .filter(c => c.command === 'add-mask')
      .map(c => c.data)
    expect(masks).toEqual([`  ${key}\n`, key])
  })

  it('masks once when the value has no surrounding whitespace, and never an empty value', () => {
    maskSecret(projectKey(8))
    maskSecret('')
    maskSecret('   ')
    expect(commandsIn(stdout).map(c => c.data)).toEqual([projectKey(8)])
  })
})

describe('writeSummary', () => {
  it('appends to GITHUB_STEP_SUMMARY', async () => {
    const file = path.join(tempDir, 'summary.md')
    writeFileSync(file, 'earlier step\n')
    process.env.GITHUB_STEP_SUMMARY = file
    expect(await writeSummary('## ours\n')).toBe(true)
    expect(readFileSync(file, 'utf8')).toBe('earlier step\n## ours\n')
  })

  it('writes nothing and says so in the debug log where there is no summary file', async () => {
    expect(await writeSummary('## ours\n')).toBe(false)
    expect(commandsIn(stdout)).toEqual([
      expect.objectContaining({
        command: 'debug',
        data: 'GITHUB_STEP_SUMMARY is not set: no job summary written'
      })
    ])
  })
})

describe('setOutputs', () => {
  it('writes every output to GITHUB_OUTPUT as strings', () => {
    const file = path.join(tempDir, 'output')
    writeFileSync(file, '')
    process.env.GITHUB_OUTPUT = file
    setOutputs({
      'key-status': 'invalid',
      cause: 'invalid-api-key',
      'key-type': 'project',
      leaks: 3,
      'live-leaks': 1,
      'sarif-file': ''
    })
    const written = readFileSync(file, 'utf8')
    const values = Object.fromEntries(
      [...written.matchAll(/^([^<\n]+)<<(ghadelimiter_[\w-]+)\n([\s\S]*?)\n\2$/gm)].map(m => [m[1], m[3]])
    )
    expect(values).toEqual({
      'key-status': 'invalid',
      cause: 'invalid-api-key',
      'key-type': 'project',
      leaks: '3',
      'live-leaks': '1',
      'sarif-file': ''
    })
  })
})

describe('writeSarifFile', () => {
  it('creates missing directories under the workspace and returns the absolute path', () => {
    const written = writeSarifFile('reports/security/okd.sarif', { version: '2.1.0', runs: [] }, roots())
    expect(written).toBe(path.join(tempDir, 'reports/security/okd.sarif'))
    expect(JSON.parse(readFileSync(written, 'utf8'))).toEqual({ version: '2.1.0', runs: [] })
  })

  it('keeps an absolute path inside the workspace as given', () => {
    const target = path.join(tempDir, 'abs', 'out.sarif')
    expect(writeSarifFile(target, { runs: [] }, roots())).toBe(target)
    expect(readFileSync(target, 'utf8')).toContain('"runs"')
  })
})

function roots() {
  return { base: tempDir, allowed: [{ label: 'the workspace', dir: tempDir }] }
}
