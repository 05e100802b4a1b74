// Runs a process and measures it: wall time (high-resolution), peak RSS and CPU time.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { clearInterval, clearTimeout, setInterval, setTimeout } from 'node:timers'

const GNU_TIME = '/usr/bin/time'

/** GNU time reports the peak RSS of the process it waits for; the fallback polls /proc (Linux). */
const hasGnuTime =
  existsSync(GNU_TIME) && spawnSync(GNU_TIME, ['-f', '%M', 'true'], { encoding: 'utf8' }).status === 0

export const rssMethod = hasGnuTime ? '/usr/bin/time -f %M' : '/proc/<pid>/status VmHWM (polled)'

/**
 * Spawns `command` and resolves with `{ code, signal, wallMs, rssKb, cpuMs, stdout, stderr }`.
 * `rssKb` and `cpuMs` are undefined when they could not be measured. Rejects after `timeoutMs`.
 */
export function measure(command, args, { cwd, env, timeoutMs = 600_000, withRss = true } = {}) {
  const scratch = withRss && hasGnuTime ? mkdtempSync(path.join(os.tmpdir(), 'okd-time-')) : undefined
  const timeFile = scratch && path.join(scratch, 'time')
  const [file, argv] = timeFile
    ? [GNU_TIME, ['-f', '%M %U %S', '-o', timeFile, command, ...args]]
    : [command, args]
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint()
    const child = spawn(file, argv, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    const stdout = []
    const stderr = []
    child.stdout.on('data', chunk => stdout.push(chunk))
    child.stderr.on('data', chunk => stderr.push(chunk))
    let polledRssKb
    const poller =
      withRss && !timeFile
        ? setInterval(() => {
            try {
              const status = readFileSync(`/proc/${child.pid}/status`, 'utf8')
              const hwm = /VmHWM:\s+(\d+) kB/.exec(status)
              if (hwm) polledRssKb = Math.max(polledRssKb ?? 0, Number(hwm[1]))
            } catch {
              // The process has exited (or /proc is missing): keep the last reading.
            }
          }, 5)
        : undefined
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('error', error => {
      clearTimeout(timer)
      if (poller) clearInterval(poller)
      reject(error)
    })
    child.on('close', (code, signal) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6
      clearTimeout(timer)
      if (poller) clearInterval(poller)
      let rssKb = polledRssKb
      let cpuMs
      if (timeFile) {
        // GNU time prints "Command exited with non-zero status N" before its format line.
        const fields = readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ')
        rssKb = Number(fields[0])
        cpuMs = (Number(fields[1]) + Number(fields[2])) * 1000
        rmSync(scratch, { recursive: true, force: true })
      }
      if (signal === 'SIGKILL') {
        reject(new Error(`${path.basename(command)} did not finish within ${timeoutMs / 1000} s`))
        return
      }
      resolve({
        code,
        signal,
        wallMs,
        rssKb,
        cpuMs,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8')
      })
    })
  })
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** Summary of several runs of one measurement: medians of wall time and CPU, the highest peak RSS. */
export function summarize(runs) {
  const cpu = runs.map(run => run.cpuMs).filter(value => value !== undefined)
  const rss = runs.map(run => run.rssKb).filter(value => value !== undefined)
  return {
    runs: runs.length,
    wallMs: median(runs.map(run => run.wallMs)),
    minWallMs: Math.min(...runs.map(run => run.wallMs)),
    cpuMs: cpu.length > 0 ? median(cpu) : undefined,
    rssKb: rss.length > 0 ? Math.max(...rss) : undefined
  }
}

/**
 * Every contender (`{ run(withRss) }`, resolving with `{ result }` and more) once per round for `rounds` rounds,
 * after a warm-up round: a change in the machine's load hits all alike. Each time twice: plain for the wall time
 * (GNU time's own start-up would weigh most on the shortest run) and measured for CPU time and peak RSS. Returns,
 * per contender in order, `{ runs, last }`: the measured runs with the plain runs' wall times, and the last outcome.
 */
export async function interleavedRounds(contenders, rounds, onRun) {
  const measured = contenders.map(() => ({ runs: [], last: undefined }))
  for (let round = 0; round <= rounds; round++) {
    for (const [index, contender] of contenders.entries()) {
      const timed = await contender.run(false)
      const outcome = await contender.run(true)
      measured[index].last = outcome
      if (round === 0) continue
      measured[index].runs.push({ ...outcome.result, wallMs: timed.result.wallMs })
      onRun(contender, round, timed, outcome)
    }
  }
  return measured
}

/** Runs a command to completion and returns its stdout; throws with its stderr on failure. */
export function run(command, args, { cwd, input, env } = {}) {
  const result = spawnSync(command, args, { cwd, input, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
  if (result.error) throw result.error
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr.trim()}`)
  }
  return result.stdout
}

/**
 * Runs `git fast-import` (with `args`) in `cwd`, streaming into it what `produce(write)` writes; `write` returns a
 * promise to await when the pipe is full. Resolves with what `produce` returns; throws with git's stderr on failure.
 */
export async function fastImport(cwd, args, produce) {
  const child = spawn('git', args, { cwd, stdio: ['pipe', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', chunk => (stderr += chunk))
  const closed = new Promise(resolve => child.on('close', resolve))
  const write = data =>
    child.stdin.write(data) ? undefined : new Promise(resolve => child.stdin.once('drain', resolve))
  const produced = await produce(write)
  child.stdin.end()
  const code = await closed
  if (code !== 0) throw new Error(`git fast-import failed (${code}): ${stderr.trim()}`)
  return produced
}

/** The marks file `git fast-import --export-marks` wrote: mark number to object name. */
export function readMarks(marksFile) {
  return new Map(
    readFileSync(marksFile, 'utf8')
      .trim()
      .split('\n')
      .map(row => row.split(' '))
      .map(([markText, sha]) => [Number(markText.slice(1)), sha])
  )
}

export function machineInfo() {
  const cpus = os.cpus()
  const version = (command, args) => {
    try {
      return run(command, args).split('\n')[0].trim()
    } catch {
      return undefined
    }
  }
  return {
    node: process.version,
    cpuCount: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGiB: os.totalmem() / 1024 ** 3,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg()[0],
    git: version('git', ['--version']),
    ripgrep: version('rg', ['--version'])
  }
}
