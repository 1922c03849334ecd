/**
 * The fake mirror: one local HTTPS server that answers as raw.githubusercontent.com,
 * jsDelivr (cdn., fastly., gcore., testingcf.), github.com and api.github.com would, routed
 * by the Host header, serving in-memory fixture repositories. Chromium reaches it through
 * the production URLs (see hostResolverRules), so the extension runs unmodified.
 *
 * Every request is recorded; any host can be told to misbehave at run time (setFault).
 */
import { EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { generate } from 'selfsigned';
import { loadFixtureRepos, type FixtureRepo } from './fixture-repo';
import {
  HTML,
  hostResolverRules,
  MIRROR_HOSTS,
  MirrorHosts,
  TEXT,
  type Answer,
  type MirrorHostsOptions,
} from './mirror-hosts';
import { withTimeout } from './wait';

export * from './mirror-hosts';

/** How a host misbehaves. */
export type Fault =
  /** Accepts the request and never answers (the socket is destroyed at close()). */
  | { kind: 'hang' }
  /** Resets the TCP connection (RST) without answering. */
  | { kind: 'reset' }
  /** 404 with the host's own not-found body. */
  | { kind: 'not-found' }
  /** 403 with GitHub's rate-limit headers (x-ratelimit-remaining: 0). */
  | { kind: 'rate-limited' }
  /** 429 Too Many Requests with retry-after. */
  | { kind: 'too-many-requests' }
  /** 500. */
  | { kind: 'server-error' }
  /** 200 with a Content-Length larger than what is sent, then the socket ends. */
  | { kind: 'truncated' }
  /** 200 text/html: an error or captcha page instead of the file. */
  | { kind: 'html-error' }
  /** Answers normally after `delayMs`. */
  | { kind: 'slow'; delayMs: number }
  /** 200 with the full Content-Length at once, then the body one byte every `intervalMs` (default 1 s). */
  | { kind: 'trickle'; intervalMs?: number }
  /** Anything else: a status with an optional body and headers. */
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> };

export type FaultKind = Fault['kind'];

/** One of each failure mode the endpoint ladder must survive (slow: 3 s). */
export const FAULTS: readonly Fault[] = [
  { kind: 'hang' },
  { kind: 'reset' },
  { kind: 'not-found' },
  { kind: 'rate-limited' },
  { kind: 'too-many-requests' },
  { kind: 'server-error' },
  { kind: 'truncated' },
  { kind: 'html-error' },
  { kind: 'slow', delayMs: 3_000 },
];

export interface FaultOptions {
  /** Only requests whose path (with query) matches. */
  path?: RegExp;
  /** Heal after this many faulty answers. */
  times?: number;
}

export interface RecordedRequest {
  host: string;
  method: string;
  /** Path with query string, as sent. */
  path: string;
  /** The production URL the browser asked for. */
  url: string;
  /** Date.now() when the request arrived. */
  time: number;
  headers: IncomingMessage['headers'];
  /** Set once headers went out; undefined while pending, and for hang and reset. */
  status?: number;
  /** The fault applied, if any. */
  fault?: FaultKind;
}

export interface MirrorServerOptions extends MirrorHostsOptions {
  /** Repositories served; default: every one under tests/fixtures/repos. */
  repos?: FixtureRepo[];
}

interface ActiveFault {
  fault: Fault;
  options: FaultOptions;
  used: number;
}

let certificate: Promise<{ key: string; cert: string }> | undefined;

/** One self-signed certificate per test process (EC: fast to make); Chromium is told to accept it. */
function testCertificate(): Promise<{ key: string; cert: string }> {
  certificate ??= generate([{ name: 'commonName', value: 'fake mirror' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          ...MIRROR_HOSTS.map((value) => ({ type: 2 as const, value })),
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  }).then((pems) => ({ key: pems.private, cert: pems.cert }));
  return certificate;
}

/** An error page such as a captive portal or a block page serves with status 200. */
const HTML_ERROR_PAGE =
  '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Access Denied</title></head>' +
  '<body><h1>Access Denied</h1><p>This request was blocked. Please complete the security ' +
  'check to continue.</p><form><input type="hidden" name="captcha" value="1"></form></body></html>';

/** The hosts' answers (MirrorHosts: repo(), blobShape, …) served over HTTPS, with recording and faults. */
export class MirrorServer extends MirrorHosts {
  readonly requests: RecordedRequest[] = [];
  private readonly faults = new Map<string, ActiveFault>();
  private readonly events = new EventEmitter();
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
    options: MirrorServerOptions,
  ) {
    super(options.repos ?? loadFixtureRepos(), options);
  }

  static async start(options: MirrorServerOptions = {}): Promise<MirrorServer> {
    const { key, cert } = await testCertificate();
    const server = createServer({ key, cert });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    const address = server.address();
    if (typeof address !== 'object' || !address) throw new Error('fake mirror has no port');
    const mirror = new MirrorServer(server, address.port, options);
    server.on('connection', (socket: Socket) => {
      mirror.sockets.add(socket);
      socket.on('close', () => mirror.sockets.delete(socket));
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => mirror.handle(req, res));
    // A TLS or parse error on one connection must not take the server down.
    server.on('tlsClientError', () => undefined);
    server.on('clientError', (_error, socket: Socket) => socket.destroy());
    return mirror;
  }

  /** The value for Chromium's --host-resolver-rules. */
  get hostResolverRules(): string {
    return hostResolverRules(this.port);
  }

  /** Makes `host` (or every host, '*') misbehave until cleared. */
  setFault(
    host: string | readonly string[],
    fault: Fault | Exclude<FaultKind, 'slow' | 'status'>,
    options: FaultOptions = {},
  ): void {
    const resolved: Fault = typeof fault === 'string' ? ({ kind: fault } as Fault) : fault;
    for (const h of typeof host === 'string' ? [host] : host) {
      this.faults.set(h.toLowerCase(), { fault: resolved, options, used: 0 });
    }
  }

  /** Heals `host`, or every host when none is given. */
  clearFault(host?: string | readonly string[]): void {
    if (host === undefined) this.faults.clear();
    else
      for (const h of typeof host === 'string' ? [host] : host) this.faults.delete(h.toLowerCase());
  }

  /** Alias of clearFault() with no host. */
  clearFaults(): void {
    this.faults.clear();
  }

  requestsTo(host: string): RecordedRequest[] {
    return this.requests.filter((r) => r.host === host.toLowerCase());
  }

  countByHost(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const r of this.requests) counts[r.host] = (counts[r.host] ?? 0) + 1;
    return counts;
  }

  clearRequests(): void {
    this.requests.length = 0;
  }

  /** Resolves with the first recorded request (past or future) that matches. */
  waitForRequest(
    match: (r: RecordedRequest) => boolean,
    timeoutMs = 10_000,
  ): Promise<RecordedRequest> {
    const seen = this.requests.find(match);
    if (seen) return Promise.resolve(seen);
    let listener: ((r: RecordedRequest) => void) | undefined;
    const arrived = new Promise<RecordedRequest>((resolve) => {
      listener = (r) => {
        if (match(r)) resolve(r);
      };
      this.events.on('request', listener);
    });
    return withTimeout(arrived, timeoutMs, 'a matching request at the fake mirror').finally(() =>
      this.events.off('request', listener!),
    );
  }

  /** Stops listening and destroys every connection, hung ones included. */
  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    this.server.closeAllConnections();
    await closed;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const path = req.url ?? '/';
    const record: RecordedRequest = {
      host,
      method: req.method ?? 'GET',
      path,
      url: `https://${host}${path}`,
      time: Date.now(),
      headers: req.headers,
    };
    const active = this.faultFor(host, path);
    if (active) record.fault = active.kind;
    this.requests.push(record);
    this.events.emit('request', record);
    res.on('close', () => {
      if (res.headersSent) record.status = res.statusCode;
    });

    if (active) {
      if (active.kind === 'slow') {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          if (!res.destroyed)
            this.answer(req, res, this.route(host, req.method ?? 'GET', req.url ?? '/'));
        }, active.delayMs);
        this.timers.add(timer);
        return;
      }
      this.misbehave(active, host, req, res);
      return;
    }
    this.answer(req, res, this.route(host, req.method ?? 'GET', req.url ?? '/'));
  }

  private faultFor(host: string, path: string): Fault | undefined {
    const active = this.faults.get(host) ?? this.faults.get('*');
    if (!active) return undefined;
    if (active.options.path && !active.options.path.test(path)) return undefined;
    if (active.options.times !== undefined && active.used >= active.options.times) return undefined;
    active.used++;
    return active.fault;
  }

  private misbehave(
    fault: Exclude<Fault, { kind: 'slow' }>,
    host: string,
    req: IncomingMessage,
    res: ServerResponse,
  ): void {
    switch (fault.kind) {
      case 'hang':
        return; // close() destroys the socket
      case 'reset': {
        const socket = req.socket as Socket & { resetAndDestroy?: () => void };
        // A TLS socket has no TCP handle of its own to reset; its parent does.
        const tcp = (socket as Socket & { _parent?: Socket })._parent ?? socket;
        try {
          (tcp as Socket & { resetAndDestroy: () => void }).resetAndDestroy();
        } catch {
          socket.destroy();
        }
        return;
      }
      case 'not-found':
        return this.answer(
          req,
          res,
          this.notFound(host, new URL(req.url ?? '/', 'https://x').pathname),
        );
      case 'rate-limited':
        return this.answer(req, res, this.rateLimited());
      case 'too-many-requests':
        return this.answer(req, res, {
          status: 429,
          headers: { 'content-type': TEXT, 'retry-after': '60', ...this.cors(host) },
          body: '429: Too Many Requests',
        });
      case 'server-error':
        return this.answer(req, res, {
          status: 500,
          headers: { 'content-type': TEXT, ...this.cors(host) },
          body: '500: Internal Server Error',
        });
      case 'html-error':
        return this.answer(req, res, {
          status: 200,
          headers: { 'content-type': HTML },
          body: HTML_ERROR_PAGE,
        });
      case 'status':
        return this.answer(req, res, {
          status: fault.status,
          headers: { 'content-type': TEXT, ...this.cors(host), ...fault.headers },
          body: fault.body ?? `${fault.status}`,
        });
      case 'trickle': {
        const full = this.route(host, req.method ?? 'GET', req.url ?? '/');
        const body = Buffer.isBuffer(full.body) ? full.body : Buffer.from(full.body);
        res.writeHead(full.status, { ...full.headers, 'content-length': String(body.length) });
        let sent = 0;
        const drip = (): void => {
          if (res.destroyed || sent >= body.length) return void res.end();
          res.write(body.subarray(sent, ++sent));
          const timer = setTimeout(() => {
            this.timers.delete(timer);
            drip();
          }, fault.intervalMs ?? 1_000);
          this.timers.add(timer);
        };
        drip();
        return;
      }
      case 'truncated': {
        const full = this.route(host, req.method ?? 'GET', req.url ?? '/');
        const body = Buffer.isBuffer(full.body) ? full.body : Buffer.from(full.body);
        const sent = body.subarray(0, Math.max(1, Math.floor(body.length / 2)));
        res.writeHead(full.status, {
          ...full.headers,
          'content-length': String(Math.max(body.length, sent.length + 1)),
        });
        res.write(sent, () => res.socket?.destroy());
        return;
      }
    }
  }

  private answer(req: IncomingMessage, res: ServerResponse, answer: Answer): void {
    if (res.destroyed) return;
    const etag = answer.headers.etag;
    if (answer.status === 200 && etag && req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag, ...this.cors(req.headers.host ?? '') });
      res.end();
      return;
    }
    const body = Buffer.isBuffer(answer.body) ? answer.body : Buffer.from(answer.body);
    res.writeHead(answer.status, { ...answer.headers, 'content-length': String(body.length) });
    res.end(req.method === 'HEAD' ? undefined : body);
  }
}

/** Starts a fake mirror; close() it in afterAll. */
export function startMirrorServer(options: MirrorServerOptions = {}): Promise<MirrorServer> {
  return MirrorServer.start(options);
}
