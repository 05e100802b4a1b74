// `npm run bench:bounds`: the built action and CLI on the hostile inputs of issue 13, each case's wall time and
// peak RSS. Every case must finish far within the job's limits however hostile the input; the numbers show how
// far. The API is a loopback server (127.0.0.1) that stops with the script, so no request leaves the machine.
//
//   node bench/bounds.mjs [--case NAME] [--timeout SECONDS]
//
// Node 24 (what the action runs on) from BENCH_NODE24 or npm's cache (`npx -y node@24`); else the running node.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { makeKey, prng } from './corpus.mjs'
import { count, duration, rssCell } from './format.mjs'
import { machineInfo, measure, rssMethod, run } from './measure.mjs'
import { benchNodes } from './nodes.mjs'
import { actionEntry, cliEntry, createStep } from './runner.mjs'

const { values: options } = parseArgs({
  options: { case: { type: 'string' }, timeout: { type: 'string', default: '300' } }
})
const timeoutMs = Number(options.timeout) * 1000
const random = prng(13)
const GOOD_KEY = makeKey(random, 'project')

/** A git repository holding `files` in one commit. */
function repository(root, name, files) {
  const dir = path.join(root, name)
  mkdirSync(dir)
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    writeFileSync(path.join(dir, file), content)
  }
  const git = args =>
    run('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.test', ...args], { cwd: dir })
  git(['init', '--quiet', '--initial-branch=main'])
  git(['add', '--all'])
  git(['commit', '--quiet', '--no-verify', '-m', 'hostile'])
  return dir
}

/**
 * The OpenAI API as far as the action asks it: `GET /v1/models` answers 200 for GOOD_KEY and 401 for any other
 * key, `GET /v1/models/<id>` 404. Counts the requests per kind.
 */
async function startApi() {
  const requests = { models: 0, model: 0, other: 0 }
  const server = http.createServer((request, response) => {
    const url = request.url ?? ''
    const answer = (status, body) => {
      response.writeHead(status, { 'content-type': 'application/json', 'x-request-id': 'req_bench' })
      response.end(JSON.stringify(body))
    }
    if (url === '/v1/models') {
      requests.models++
      if (request.headers.authorization === `Bearer ${GOOD_KEY}`) answer(200, { object: 'list', data: [] })
      else answer(401, { error: { message: 'Incorrect API key provided', code: 'invalid_api_key' } })
    } else if (url.startsWith('/v1/models/')) {
      requests.model++
      answer(404, { error: { message: 'The model does not exist', code: 'model_not_found' } })
    } else {
      requests.other++
      answer(404, { error: { message: 'not found' } })
    }
  })
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve))
  return {
    baseUrl: `http://127.0.0.1:${server.address().port}/v1`,
    requests,
    reset: () => Object.keys(requests).forEach(kind => (requests[kind] = 0)),
    close: () => new Promise(resolve => server.close(resolve))
  }
}

/** The hostile inputs of issue 13, each as what to run and what to read off the run. */
function cases(root) {
  const keys = n => Array.from({ length: n }, () => makeKey(random, 'legacy'))
  const action = (workspace, inputs) => ({ kind: 'action', workspace, inputs })
  return [
    {
      name: 'glob bomb allow-list',
      what: '`path: *(*)x` and 4 more extended-glob patterns in the allow-list, 5 findings, `scan: all`',
      run: () =>
        action(
          repository(root, 'globs', {
            '.openai-key-doctor-ignore': ['*(*)x', '+(+(a))b', '@(*|*)c', '!(!(d))e', '?(?(f))g']
              .map(glob => `path: ${glob}\n`)
              .join(''),
            ...Object.fromEntries(
              keys(5).map((key, index) => [`config/${'a'.repeat(40)}${index}.env`, `KEY=${key}\n`])
            )
          }),
          { scan: 'all', 'verify-leaks': 'false' }
        )
    },
    {
      name: 'env names vs reads',
      what: '3,000 `.env` names against 3,000 `process.env` reads (repository checks, key rejected)',
      run: () =>
        action(
          repository(root, 'env-names', {
            '.env.example': Array.from({ length: 3000 }, (_, i) => `OPENAI_API_KEY_${i}=x\n`).join(''),
            'src/app.js':
              "import OpenAI from 'openai'\n" +
              Array.from({ length: 3000 }, (_, i) => `const k${i} = process.env.OPENAI_KEY_${i}\n`).join('')
          }),
          { 'api-key': makeKey(random, 'project'), scan: 'none' }
        )
    },
    {
      name: '512 KiB of `{`',
      what: 'one 512 KiB line of `{` after an `openai` import (repository checks, key rejected)',
      run: () =>
        action(
          repository(root, 'braces', {
            'src/app.ts': `import OpenAI from 'openai'\n${'{'.repeat(512 * 1024)}\n`
          }),
          { 'api-key': makeKey(random, 'project'), scan: 'none' }
        )
    },
    {
      name: 'one line of 100,000 keys',
      what: 'a single line of 100,000 keys, `scan: all` (the CLI tree scan reads it the same way)',
      run: () =>
        action(repository(root, 'key-line', { 'keys.txt': `${keys(100_000).join(' ')}\n` }), {
          scan: 'all',
          'verify-leaks': 'false'
        })
    },
    {
      name: 'verify-leaks on 3,000 keys',
      what: '3,000 distinct keys found with `verify-leaks: true` against the loopback API (probes are capped)',
      run: () =>
        action(
          repository(root, 'many-keys', {
            'keys.txt': keys(3000)
              .map(key => `${key}\n`)
              .join('')
          }),
          { scan: 'all', 'verify-leaks': 'true' }
        )
    },
    {
      name: '10,000 required-models',
      what: '10,000 `required-models` entries with a valid key (capped, probed with bounded concurrency)',
      run: () =>
        action(repository(root, 'models', { 'README.md': 'models\n' }), {
          'api-key': GOOD_KEY,
          scan: 'none',
          'required-models': Array.from({ length: 10_000 }, (_, i) => `model-${i}`).join(',')
        })
    },
    {
      name: 'CLI: one line of 100,000 keys',
      what: 'the CLI tree scan (`--all --no-liveness --json`) of the same single line',
      run: () => ({
        kind: 'cli',
        workspace: repository(root, 'cli-key-line', { 'keys.txt': `${keys(100_000).join(' ')}\n` }),
        args: ['--all', '--no-liveness', '--json']
      })
    }
  ]
}

async function main() {
  const log = message => process.stderr.write(`${message}\n`)
  const node = benchNodes(log).nodes.find(candidate => candidate.major === 24) ?? {
    version: process.version,
    binary: process.execPath
  }
  const root = mkdtempSync(path.join(os.tmpdir(), 'okd-bounds-'))
  const api = await startApi()
  const rows = []
  try {
    for (const bench of cases(root)) {
      if (options.case && !bench.name.includes(options.case)) continue
      log(`${bench.name}: ${bench.what}`)
      const spec = bench.run()
      api.reset()
      let step
      let command
      if (spec.kind === 'cli') {
        command = {
          args: [cliEntry, ...spec.args],
          env: { PATH: process.env.PATH, HOME: process.env.HOME ?? root, OPENAI_BASE_URL: api.baseUrl }
        }
      } else {
        step = createStep({
          inputs: { 'base-url': api.baseUrl, 'fail-on': 'none', ...spec.inputs },
          eventName: 'workflow_dispatch',
          event: {},
          workspace: spec.workspace
        })
        command = { args: [actionEntry], env: step.env }
      }
      try {
        const result = await measure(node.binary, command.args, {
          cwd: spec.workspace,
          env: command.env,
          timeoutMs
        })
        const outputs = step?.outputs() ?? {}
        rows.push({
          name: bench.name,
          wall: duration(result.wallMs),
          rss: rssCell(result),
          exit: String(result.code),
          leaks: outputs.leaks ?? (spec.kind === 'cli' ? String(JSON.parse(result.stdout).leakCount) : '-'),
          requests: count(api.requests.models + api.requests.model + api.requests.other),
          note: /Repository not fully checked: [^\n]*/.exec(step?.summary() ?? '')?.[0] ?? ''
        })
      } catch (error) {
        rows.push({
          name: bench.name,
          wall: `> ${timeoutMs / 1000} s`,
          rss: '-',
          exit: 'killed',
          leaks: '-',
          requests: '-',
          note: String(error.message)
        })
      } finally {
        step?.dispose()
      }
    }
  } finally {
    await api.close()
    rmSync(root, { recursive: true, force: true })
  }
  const info = machineInfo()
  console.log(`# Bounds: hostile inputs of issue 13\n`)
  console.log(
    `Node ${node.version}, ${info.cpuCount} × ${info.cpuModel}, load ${info.loadAverage.toFixed(2)}; peak RSS by ${rssMethod}.\n`
  )
  console.log('| case | wall time | peak RSS | exit | leaks | API requests | note |')
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- |')
  for (const row of rows) {
    console.log(
      `| ${row.name} | ${row.wall} | ${row.rss} | ${row.exit} | ${row.leaks} | ${row.requests} | ${row.note} |`
    )
  }
}

await main()
