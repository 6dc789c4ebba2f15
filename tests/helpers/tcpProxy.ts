import net from 'node:net'

/**
 * A real TCP proxy in front of a server, that a test can take down (existing connections cut, new
 * ones refused) and bring back up: a network fault between the app and a backend.
 */
export const startTcpProxy = async (target: { host: string; port: number }) => {
  const sockets = new Set<net.Socket>()
  let isUp = true
  const server = net.createServer((client) => {
    if (!isUp) {
      client.destroy()
      return
    }
    const upstream = net.connect(target.port, target.host)
    sockets.add(client)
    sockets.add(upstream)
    client.pipe(upstream).pipe(client)
    const close = () => {
      client.destroy()
      upstream.destroy()
      sockets.delete(client)
      sockets.delete(upstream)
    }
    client.on('error', close)
    upstream.on('error', close)
    client.on('close', close)
    upstream.on('close', close)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  return {
    port,
    down: () => {
      isUp = false
      for (const socket of sockets) socket.destroy()
      sockets.clear()
    },
    up: () => {
      isUp = true
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
