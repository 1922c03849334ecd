/**
 * A plain HTTP server on 127.0.0.1 for test pages (content scripts run on http(s) pages
 * only, never on file: or data:). Pages are set at run time; folders can be mounted.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

export interface PageResponse {
  body: string | Buffer;
  /** Default: from the path's extension, HTML when it has none. */
  contentType?: string;
  status?: number;
  headers?: Record<string, string>;
}

export type PageHandler = (req: IncomingMessage) => PageResponse;

export interface PageRequest {
  method: string;
  path: string;
  time: number;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

function typeOf(path: string): string {
  return TYPES[extname(path).toLowerCase()] ?? TYPES['.html']!;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface PageLink {
  href: string;
  text: string;
}

/** A minimal page listing links, as a forum post or a chat log would carry them. */
export function linksPageHtml(title: string, links: readonly PageLink[], lang = 'zh-CN'): string {
  const items = links
    .map((l) => `<li><a href="${escapeHtml(l.href)}">${escapeHtml(l.text)}</a></li>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body><h1>${escapeHtml(title)}</h1>
<ul>
${items}
</ul>
</body></html>
`;
}

export class PageServer {
  readonly requests: PageRequest[] = [];
  private readonly routes = new Map<string, PageHandler>();
  private readonly mounts: { prefix: string; dir: string }[] = [];
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
    /** "127.0.0.1" unless started on "localhost". */
    readonly host: string,
  ) {}

  static async start(host = '127.0.0.1', port = 0): Promise<PageServer> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    const address = server.address();
    if (typeof address !== 'object' || !address) throw new Error('page server has no port');
    const pages = new PageServer(server, address.port, host);
    server.on('connection', (socket: Socket) => {
      pages.sockets.add(socket);
      socket.on('close', () => pages.sockets.delete(socket));
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => pages.handle(req, res));
    return pages;
  }

  /** "http://127.0.0.1:<port>". */
  get origin(): string {
    return `http://${this.host}:${this.port}`;
  }

  url(path = '/'): string {
    return `${this.origin}${path.startsWith('/') ? path : `/${path}`}`;
  }

  /** Serves `path` (exact, without query) from now on; returns its URL. */
  set(path: string, page: string | PageResponse | PageHandler): string {
    const handler: PageHandler =
      typeof page === 'function' ? page : () => (typeof page === 'string' ? { body: page } : page);
    this.routes.set(path.startsWith('/') ? path : `/${path}`, handler);
    return this.url(path);
  }

  /** Serves a page of links at `path`; returns its URL. */
  setLinks(path: string, title: string, links: readonly PageLink[]): string {
    return this.set(path, linksPageHtml(title, links));
  }

  /** Serves the files under `dir` at `prefix` (e.g. mount('/xss/', 'tests/fixtures/xss')). */
  mount(prefix: string, dir: string): void {
    this.mounts.push({ prefix: prefix.endsWith('/') ? prefix : `${prefix}/`, dir });
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    this.server.closeAllConnections();
    await closed;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', this.origin).pathname;
    this.requests.push({ method: req.method ?? 'GET', path, time: Date.now() });
    const page = this.routes.get(path)?.(req) ?? this.fromMounts(path);
    if (!page) {
      res.writeHead(404, { 'content-type': TYPES['.txt']! });
      res.end('not found');
      return;
    }
    const body = Buffer.isBuffer(page.body) ? page.body : Buffer.from(page.body);
    res.writeHead(page.status ?? 200, {
      'content-type': page.contentType ?? typeOf(path),
      'content-length': String(body.length),
      'cache-control': 'no-store',
      ...page.headers,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  private fromMounts(path: string): PageResponse | undefined {
    for (const { prefix, dir } of this.mounts) {
      if (!path.startsWith(prefix)) continue;
      const rel = normalize(decodeURIComponent(path.slice(prefix.length)));
      if (rel.startsWith('..') || rel.includes(`${sep}..${sep}`)) return undefined;
      const file = join(dir, rel);
      if (existsSync(file) && statSync(file).isFile()) return { body: readFileSync(file) };
    }
    return undefined;
  }
}

/** Starts a page server on 127.0.0.1 (a free port unless one is given); close() it in afterAll. */
export function startPageServer(port = 0): Promise<PageServer> {
  return PageServer.start('127.0.0.1', port);
}
