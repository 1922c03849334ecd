/**
 * An HTTP proxy that logs every request the browser sends through it (`--proxy-server`):
 * CONNECT tunnels by host, plain HTTP by URL. Tunnels to hosts that `tunnelTo` names go on
 * to that local port (the fake mirror), so the extension's own requests work and show up
 * in the same log; everything else is answered 502 and only logged.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';

export interface ProxyRequest {
  /** `CONNECT host:port` or `GET http://…`. */
  line: string;
  host: string;
  time: number;
}

export class LoggingProxy {
  readonly requests: ProxyRequest[] = [];
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(tunnelTo: (host: string) => number | undefined): Promise<LoggingProxy> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (typeof address !== 'object' || !address) throw new Error('proxy has no port');
    const proxy = new LoggingProxy(server, address.port);
    server.on('connection', (socket: Socket) => {
      proxy.sockets.add(socket);
      socket.on('close', () => proxy.sockets.delete(socket));
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const host = new URL(req.url ?? '/', 'http://unknown').hostname;
      proxy.requests.push({ line: `${req.method} ${req.url}`, host, time: Date.now() });
      res.writeHead(502).end();
    });
    server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
      const target = req.url ?? '';
      const host = target.replace(/:\d+$/, '');
      proxy.requests.push({ line: `CONNECT ${target}`, host, time: Date.now() });
      const port = tunnelTo(host);
      if (port === undefined) {
        client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
        return;
      }
      const upstream = connect(port, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client).pipe(upstream);
      });
      proxy.sockets.add(upstream);
      upstream.on('close', () => proxy.sockets.delete(upstream));
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    return proxy;
  }

  /** Requests logged since `index` (an earlier `requests.length`). */
  since(index: number): ProxyRequest[] {
    return this.requests.slice(index);
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    this.server.closeAllConnections();
    await closed;
  }
}
