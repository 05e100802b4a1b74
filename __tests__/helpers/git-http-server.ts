/**
 * A git smart-HTTP server on 127.0.0.1 standing in for GITHUB_SERVER_URL: bare repositories under `root`, served
 * by git's own `git http-backend` as a CGI. A repository listed in `stalled` answers the ref listing, then, asked
 * for its objects, sends the response's headers and nothing more, as a server or proxy that stops sending.
 * Bounded: a stalled response ends by itself after `stallMs`, and the server closes after `lifetimeMs`.
 */
import { spawn } from 'node:child_process'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { listenOnLoopback } from './loopback-server.js'

export interface GitHttpServer {
  /** `http://127.0.0.1:<port>`, the value for GITHUB_SERVER_URL. */
  url: string
  close(): Promise<void>
}

export interface GitHttpServerOptions {
  root: string
  /** `owner/name` of the repositories whose object transfer stalls. */
  stalled?: readonly string[]
  stallMs?: number
  lifetimeMs?: number
}

export async function startGitHttpServer(options: GitHttpServerOptions): Promise<GitHttpServer> {
  const stalled = new Set((options.stalled ?? []).map(name => `/${name}.git/git-upload-pack`))
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    if (request.method === 'POST' && stalled.has(url.pathname)) {
      response.writeHead(200, { 'Content-Type': 'application/x-git-upload-pack-result' })
      response.flushHeaders()
      setTimeout(() => response.destroy(), options.stallMs ?? 30_000).unref()
      return
    }
    httpBackend(options.root, url, request, response)
  })
  const loopback = await listenOnLoopback(server)
  const lifetime = setTimeout(() => void loopback.close(), options.lifetimeMs ?? 120_000)
  lifetime.unref()
  return {
    url: loopback.origin,
    async close() {
      clearTimeout(lifetime)
      await loopback.close()
    }
  }
}

/** One request through `git http-backend` (CGI: request in the environment and on stdin, headers then body out). */
function httpBackend(root: string, url: URL, request: IncomingMessage, response: ServerResponse): void {
  const backend = spawn('git', ['http-backend'], {
    env: {
      PATH: process.env.PATH,
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      REQUEST_METHOD: request.method ?? 'GET',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      CONTENT_TYPE: request.headers['content-type'] ?? '',
      HTTP_CONTENT_ENCODING: request.headers['content-encoding'] ?? '',
      HTTP_GIT_PROTOCOL: String(request.headers['git-protocol'] ?? ''),
      REMOTE_ADDR: '127.0.0.1'
    },
    stdio: ['pipe', 'pipe', 'ignore']
  })
  request.pipe(backend.stdin)
  let head = Buffer.alloc(0)
  backend.stdout.on('data', (chunk: Buffer) => {
    if (response.headersSent) return void response.write(chunk)
    head = Buffer.concat([head, chunk])
    const end = head.indexOf('\r\n\r\n')
    if (end < 0) return
    const headers = head
      .subarray(0, end)
      .toString('latin1')
      .split('\r\n')
      .map(line => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()])
    const status = headers.find(([name]) => name.toLowerCase() === 'status')?.[1] ?? '200'
    response.writeHead(
      Number.parseInt(status, 10),
      Object.fromEntries(headers.filter(([name]) => name.toLowerCase() !== 'status'))
    )
    response.write(head.subarray(end + 4))
  })
  backend.on('close', () => response.end())
}
