/**
 * Starts a test server on 127.0.0.1 (port 0) and tracks its sockets, so `close()` returns promptly even with
 * kept-alive connections, hanging responses or open CONNECT tunnels.
 */
import type { Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export interface LoopbackServer {
  port: number
  /** `http://127.0.0.1:<port>` */
  origin: string
  /** Destroys `socket` on close too (for sockets the server did not accept, e.g. a tunnel's upstream). */
  track(socket: Socket): void
  /** Destroys every tracked socket, then closes the server. */
  close(): Promise<void>
}

export async function listenOnLoopback(server: Server): Promise<LoopbackServer> {
  const sockets = new Set<Socket>()
  const track = (socket: Socket): void => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  }
  server.on('connection', track)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    track,
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>(resolve => server.close(() => resolve()))
    }
  }
}
