import { describe, expect, it } from 'vitest';
import { isBlockedMainFrameLoad, isBlockingError } from '../../src/core/pages/navigation-errors';

const base = {
  tabId: 7,
  frameId: 0,
  url: 'https://www.epochtimes.com/gb/21/1/11/n12681566.htm',
  error: 'net::ERR_NAME_NOT_RESOLVED',
  frameType: 'outermost_frame',
  documentLifecycle: 'active',
};

describe('isBlockingError', () => {
  it.each([
    'net::ERR_NAME_NOT_RESOLVED',
    'net::ERR_CONNECTION_RESET',
    'net::ERR_CONNECTION_CLOSED',
    'net::ERR_CONNECTION_TIMED_OUT',
    'net::ERR_CONNECTION_REFUSED',
    'net::ERR_TIMED_OUT',
    'net::ERR_CERT_COMMON_NAME_INVALID',
    'net::ERR_SSL_PROTOCOL_ERROR',
  ])('treats %s as a blocked load', (error) => {
    expect(isBlockingError(error)).toBe(true);
  });

  it.each([
    ['Error code 2152398878', 'NS_ERROR_UNKNOWN_HOST'],
    ['Error code 2152398868', 'NS_ERROR_NET_RESET'],
    ['Error code 2152398862', 'NS_ERROR_NET_TIMEOUT'],
    ['Error code 2152398861', 'NS_ERROR_CONNECTION_REFUSED'],
    ['Error code 2152398919', 'NS_ERROR_NET_INTERRUPT'],
    ['Error code 2153390067', 'SEC_ERROR_UNKNOWN_ISSUER (security module)'],
  ])("treats Firefox's %s (%s) as a blocked load", (error) => {
    expect(isBlockingError(error)).toBe(true);
  });

  it.each([
    'net::ERR_ABORTED',
    'net::ERR_BLOCKED_BY_CLIENT',
    'net::ERR_FILE_NOT_FOUND',
    '',
    'Error code 2152398850', // NS_BINDING_ABORTED: the user stopped the load
    'Error code 2152398864', // NS_ERROR_OFFLINE: the browser is in offline mode
    'Error code 2152398878x',
  ])('does not treat %s as a blocked load', (error) => {
    expect(isBlockingError(error)).toBe(false);
  });
});

describe('isBlockedMainFrameLoad', () => {
  it("accepts the tab's own main-frame navigation failing as a blocked host fails", () => {
    expect(isBlockedMainFrameLoad(base)).toBe(true);
  });

  it('ignores subframes, fenced frames, prerenders and tabless loads', () => {
    expect(isBlockedMainFrameLoad({ ...base, frameId: 3 })).toBe(false);
    expect(isBlockedMainFrameLoad({ ...base, frameType: 'fenced_frame' })).toBe(false);
    expect(isBlockedMainFrameLoad({ ...base, frameType: 'sub_frame' })).toBe(false);
    expect(isBlockedMainFrameLoad({ ...base, documentLifecycle: 'prerender' })).toBe(false);
    expect(isBlockedMainFrameLoad({ ...base, tabId: -1 })).toBe(false);
  });

  it('accepts a failure without an error name', () => {
    expect(isBlockedMainFrameLoad({ ...base, error: undefined })).toBe(true);
  });

  it("accepts Firefox's failure, which has no frameType or documentLifecycle", () => {
    const firefox = { tabId: 7, frameId: 0, url: base.url, error: 'Error code 2152398878' };
    expect(isBlockedMainFrameLoad(firefox)).toBe(true);
  });

  it('ignores a load the user stopped', () => {
    expect(isBlockedMainFrameLoad({ ...base, error: 'net::ERR_ABORTED' })).toBe(false);
    expect(isBlockedMainFrameLoad({ ...base, error: 'Error code 2152398850' })).toBe(false);
  });
});
