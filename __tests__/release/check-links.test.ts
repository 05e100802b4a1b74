/**
 * script/check-links.mjs, the CI step that proves every external link in the documentation answers, run as a
 * child process against pages served on 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { listenOnLoopback, type LoopbackServer } from '../helpers/loopback-server.js'

const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../script/check-links.mjs')

let server: LoopbackServer
let dir: string
const requested: string[] = []

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'okd-links-'))
  server = await listenOnLoopback(
    http.createServer((request, response) => {
      requested.push(`${request.method} ${request.url}`)
      const answer = (status: number, headers: http.OutgoingHttpHeaders = {}): void => {
        response.writeHead(status, headers).end(request.method === 'HEAD' ? undefined : 'page')
      }
      if (request.url === '/page') return answer(200)
      if (request.url === '/moved') return answer(301, { location: '/page' })
      if (request.url === '/get-only') return answer(request.method === 'HEAD' ? 405 : 200)
      if (request.url === '/login') return answer(403)
      if (request.url === '/slow') return // never answers
      answer(404)
    })
  )
})

afterAll(async () => {
  await server.close()
  rmSync(dir, { recursive: true, force: true })
})

function checkLinks(markdown: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const file = path.join(dir, `doc-${requested.length}-${Math.random().toString(36).slice(2)}.md`)
  writeFileSync(file, markdown)
  return new Promise(resolve => {
    execFile(
      process.execPath,
      [script, file],
      { env: { ...process.env, OKD_LINK_TIMEOUT_MS: '1000' }, timeout: 20_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
    )
  })
}

describe('the external link check', () => {
  it('passes when every link answers, following redirects and retrying a refused HEAD with GET', async () => {
    const { origin } = server
    const result = await checkLinks(
      [
        `See [the page](${origin}/page), <${origin}/moved> and ${origin}/get-only.`,
        `A login page: ${origin}/login.`
      ].join('\n')
    )
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(`walled  403  ${origin}/login`)
    expect(result.stdout).toContain('4 external links in 1 documents, 0 broken')
    expect(requested).toContain('GET /get-only')
  })

  it('fails on a missing page and on a server that does not answer, naming the link and the document', async () => {
    const { origin } = server
    const result = await checkLinks(
      `[gone](${origin}/gone) and [slow](${origin}/slow) and [fine](${origin}/page)`
    )
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(new RegExp(`BROKEN  ${origin}/gone \\(404; in .*doc-.*\\.md\\)`))
    expect(result.stderr).toContain(`BROKEN  ${origin}/slow (no answer within 1000 ms`)
    expect(result.stdout).toContain('3 external links in 1 documents, 2 broken')
  })

  it('ignores examples in code blocks and code spans', async () => {
    const { origin } = server
    const result = await checkLinks(
      ['```yaml', `base-url: ${origin}/in-a-code-block`, '```', `Set \`${origin}/in-a-code-span\`.`].join(
        '\n'
      )
    )
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('0 external links in 1 documents, 0 broken')
    expect(requested.some(line => line.includes('in-a-code'))).toBe(false)
  })
})
