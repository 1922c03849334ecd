/**
 * Which failed navigations mean "the network blocked this original": the tab's own
 * main-frame navigation, failing the way a blocked host fails. Never a subframe, a prerender,
 * a fenced frame, a background tab of the browser's own, or a load the user stopped.
 */

/** Chromium net errors that a blocking network produces (DNS poisoning, resets, TLS tampering). */
const BLOCKED_ERRORS = new Set([
  'net::ERR_NAME_NOT_RESOLVED',
  'net::ERR_NAME_RESOLUTION_FAILED',
  'net::ERR_CONNECTION_RESET',
  'net::ERR_CONNECTION_CLOSED',
  'net::ERR_CONNECTION_TIMED_OUT',
  'net::ERR_CONNECTION_REFUSED',
  'net::ERR_CONNECTION_FAILED',
  'net::ERR_TIMED_OUT',
  'net::ERR_EMPTY_RESPONSE',
  'net::ERR_ADDRESS_UNREACHABLE',
  'net::ERR_NETWORK_ACCESS_DENIED',
  'net::ERR_TUNNEL_CONNECTION_FAILED',
  'net::ERR_PROXY_CONNECTION_FAILED',
  'net::ERR_QUIC_PROTOCOL_ERROR',
  'net::ERR_HTTP2_PROTOCOL_ERROR',
]);

export function isBlockingError(error: string): boolean {
  return (
    BLOCKED_ERRORS.has(error) ||
    error.startsWith('net::ERR_CERT_') ||
    error.startsWith('net::ERR_SSL_')
  );
}

export interface NavigationErrorDetails {
  tabId: number;
  frameId: number;
  url: string;
  /** Chromium's net error; Firefox gives none. */
  error?: string;
  frameType?: string;
  documentLifecycle?: string;
}

export function isBlockedMainFrameLoad(details: NavigationErrorDetails): boolean {
  if (details.tabId < 0 || details.frameId !== 0) return false;
  if (details.frameType !== undefined && details.frameType !== 'outermost_frame') return false;
  if (details.documentLifecycle === 'prerender') return false;
  // Without an error name (Firefox) any failed main-frame load of an original qualifies.
  return details.error === undefined || isBlockingError(details.error);
}
