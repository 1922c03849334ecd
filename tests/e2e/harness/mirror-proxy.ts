/**
 * Firefox has no --host-resolver-rules: it reaches the fake mirror through this HTTP proxy
 * (set with the network.proxy.* prefs). CONNECT to a mirror host is tunnelled to the fake
 * mirror; any other host is answered 404, which Firefox reports as NS_ERROR_UNKNOWN_HOST, the
 * error a blocked host's failed DNS lookup gives; plain http:// requests are reset.
 */
import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { API_HOST, GITHUB_HOST, RAW_HOST } from './mirror-hosts';

function isMirrorHost(host: string): boolean {
  return [RAW_HOST, GITHUB_HOST, API_HOST].includes(host) || host.endsWith('.jsdelivr.net');
}

export class MirrorProxy {
  /** Hosts refused so far (the blocked originals the browser tried). */
  readonly refused: string[] = [];
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  track(socket: Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A proxy on 127.0.0.1 that sends the mirror hosts' HTTPS to the fake mirror on `mirrorPort`. */
export async function startMirrorProxy(mirrorPort: number): Promise<MirrorProxy> {
  const server = createServer((req) => req.socket.destroy());
  const proxy = await new Promise<MirrorProxy>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') throw new Error('no proxy port');
      resolve(new MirrorProxy(server, address.port));
    });
  });
  server.on('connection', (socket: Socket) => proxy.track(socket));
  server.on('connect', (req, client: Socket, head: Buffer) => {
    const host = (req.url ?? '').replace(/:\d+$/, '').toLowerCase();
    if (!isMirrorHost(host)) {
      proxy.refused.push(host);
      client.end('HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    const upstream = connect(mirrorPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    proxy.track(upstream);
    const end = () => {
      upstream.destroy();
      client.destroy();
    };
    upstream.on('error', end);
    client.on('error', end);
  });
  return proxy;
}
