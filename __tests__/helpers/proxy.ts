/**
 * A forward proxy on 127.0.0.1 for HTTP_PROXY / HTTPS_PROXY tests. It relays plain-HTTP absolute-URI
 * requests (`GET http://host:port/path`) and opens CONNECT tunnels, records what it was asked for, and can
 * drop the Authorization header of relayed requests, as some corporate proxies and gateways do (a CONNECT
 * tunnel is opaque, so stripping applies to relayed requests only). It only reaches loopback targets, so
 * a misrouted test can never leave the machine.
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http'
import { connect, type Socket } from 'node:net'
import { listenOnLoopback } from './loopback-server.js'

export interface ProxiedRequest {
  kind: 'forward' | 'connect'
  /** `host:port` the client asked to reach. */
  target: string
  method: string
  /** Absolute URI for `forward`, `host:port` for `connect`. */
  url: string
  /** The client sent an Authorization header (before any stripping). */
  hadAuthorization: boolean
}

export interface LoopbackProxy {
  /** `http://127.0.0.1:<port>`, the value for HTTP_PROXY / HTTPS_PROXY. */
  url: string
  requests: ProxiedRequest[]
  /** Distinct `host:port` targets asked for, in first-seen order. */
  hosts(): string[]
  close(): Promise<void>
}

export interface ProxyOptions {
  stripAuthorization?: boolean
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1'])
const HOP_BY_HOP = ['proxy-connection', 'proxy-authorization', 'connection', 'keep-alive']

export async function startProxy(options: ProxyOptions = {}): Promise<LoopbackProxy> {
  const requests: ProxiedRequest[] = []

  function relay(request: IncomingMessage, response: ServerResponse): void {
    let target: URL
    try {
      target = new URL(request.url ?? '')
    } catch {
      response.writeHead(400).end('absolute URI required')
      return
    }
    const port = target.port || '80'
    requests.push({
      kind: 'forward',
      target: `${target.hostname}:${port}`,
      method: request.method ?? 'GET',
      url: target.href,
      hadAuthorization: request.headers.authorization !== undefined
    })
    if (!LOOPBACK_HOSTS.has(target.hostname)) {
      response.writeHead(403).end('loopback targets only')
      return
    }
    const headers = { ...request.headers }
    for (const name of HOP_BY_HOP) delete headers[name]
    if (options.stripAuthorization) delete headers.authorization
    const upstream = httpRequest(
      { host: target.hostname, port, method: request.method, path: target.pathname + target.search, headers },
      upstreamResponse => {
        response.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers)
        upstreamResponse.pipe(response)
        upstreamResponse.on('error', () => response.destroy())
      }
    )
    upstream.on('error', () => {
      if (response.headersSent) response.destroy()
      else response.writeHead(502).end('upstream unreachable')
    })
    request.pipe(upstream)
  }

  const server = createServer(relay)
  server.on('connect', (request: IncomingMessage, clientSocket: Socket, head: Buffer) => {
    const target = request.url ?? ''
    const separator = target.lastIndexOf(':')
    const host = target.slice(0, separator)
    const port = Number(target.slice(separator + 1))
    requests.push({
      kind: 'connect',
      target,
      method: 'CONNECT',
      url: target,
      hadAuthorization: request.headers.authorization !== undefined
    })
    clientSocket.on('error', () => clientSocket.destroy())
    if (!LOOPBACK_HOSTS.has(host) || !Number.isInteger(port)) {
      clientSocket.end('HTTP/1.1 403 Forbidden\r\n\r\n')
      return
    }
    let tunnelOpen = false
    const upstream = connect(port, host.replace(/^\[|\]$/g, ''), () => {
      tunnelOpen = true
      clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length > 0) upstream.write(head)
      upstream.pipe(clientSocket)
      clientSocket.pipe(upstream)
    })
    loopback.track(upstream)
    upstream.on('close', () => clientSocket.destroy())
    upstream.on('error', () => {
      if (tunnelOpen) clientSocket.destroy()
      else clientSocket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n')
    })
    clientSocket.on('close', () => upstream.destroy())
  })
  const loopback = await listenOnLoopback(server)

  return {
    url: loopback.origin,
    requests,
    hosts: () => [...new Set(requests.map(request => request.target))],
    close: loopback.close
  }
}
