import { describe, expect, it } from 'vitest';
import { isBlockedMainFrameLoad, isBlockingError } from '../../src/core/navigation-errors';

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

  it.each(['net::ERR_ABORTED', 'net::ERR_BLOCKED_BY_CLIENT', 'net::ERR_FILE_NOT_FOUND', ''])(
    'does not treat %s as a blocked load',
    (error) => {
      expect(isBlockingError(error)).toBe(false);
    },
  );
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

  it('accepts a failure without an error name, as Firefox reports it', () => {
    expect(isBlockedMainFrameLoad({ ...base, error: undefined })).toBe(true);
  });

  it('ignores a load the user stopped', () => {
    expect(isBlockedMainFrameLoad({ ...base, error: 'net::ERR_ABORTED' })).toBe(false);
  });
});
