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

/**
 * Firefox's counterparts, as its webNavigation words them: `Error code <nsresult>` (values
 * read from Firefox's `Cr`). Never NS_BINDING_ABORTED (the user stopped) or NS_ERROR_OFFLINE.
 */
const FIREFOX_BLOCKED_ERRORS = new Set([
  2152398878, // NS_ERROR_UNKNOWN_HOST
  2152398861, // NS_ERROR_CONNECTION_REFUSED
  2152398862, // NS_ERROR_NET_TIMEOUT
  2152398933, // NS_ERROR_NET_TIMEOUT_EXTERNAL
  2152398868, // NS_ERROR_NET_RESET
  2152398919, // NS_ERROR_NET_INTERRUPT
  2152398884, // NS_ERROR_NET_EMPTY_RESPONSE
  2152398890, // NS_ERROR_UNKNOWN_PROXY_HOST
  2152398920, // NS_ERROR_PROXY_CONNECTION_REFUSED
  2152400350, // NS_ERROR_PROXY_BAD_GATEWAY
  2152400352, // NS_ERROR_PROXY_GATEWAY_TIMEOUT
  2152398932, // NS_ERROR_NET_HTTP3_PROTOCOL_ERROR
]);

/** NS_ERROR_MODULE_SECURITY: certificate and TLS failures (tampering), like net::ERR_CERT_*. */
const FIREFOX_SECURITY_MODULE = 0x805a;

function isFirefoxBlockingError(error: string): boolean {
  const match = /^Error code (\d+)$/.exec(error);
  if (!match) return false;
  const code = Number(match[1]);
  return FIREFOX_BLOCKED_ERRORS.has(code) || Math.floor(code / 0x10000) === FIREFOX_SECURITY_MODULE;
}

export function isBlockingError(error: string): boolean {
  return (
    BLOCKED_ERRORS.has(error) ||
    error.startsWith('net::ERR_CERT_') ||
    error.startsWith('net::ERR_SSL_') ||
    isFirefoxBlockingError(error)
  );
}

export interface NavigationErrorDetails {
  tabId: number;
  frameId: number;
  url: string;
  /** Chromium's net error (`net::ERR_…`), or Firefox's `Error code <nsresult>`. */
  error?: string;
  frameType?: string;
  documentLifecycle?: string;
}

export function isBlockedMainFrameLoad(details: NavigationErrorDetails): boolean {
  if (details.tabId < 0 || details.frameId !== 0) return false;
  if (details.frameType !== undefined && details.frameType !== 'outermost_frame') return false;
  if (details.documentLifecycle === 'prerender') return false;
  // Without an error name any failed main-frame load of an original qualifies.
  return details.error === undefined || isBlockingError(details.error);
}
