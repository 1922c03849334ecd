import { describe, expect, it } from 'vitest';
import { isEnvelope, RemoteError, serializeError } from '../../src/core/messages';

describe('isEnvelope', () => {
  it('accepts a known type with an object payload', () => {
    expect(isEnvelope({ type: 'ping', payload: {} })).toBe(true);
  });

  it('rejects unknown types, missing payloads and non-objects', () => {
    expect(isEnvelope({ type: 'eval', payload: {} })).toBe(false);
    expect(isEnvelope({ type: 'ping' })).toBe(false);
    expect(isEnvelope({ type: 'ping', payload: null })).toBe(false);
    expect(isEnvelope('ping')).toBe(false);
    expect(isEnvelope(null)).toBe(false);
  });
});

describe('serializeError', () => {
  it('keeps the code, message and toJSON details of a typed error', () => {
    const error = Object.assign(new Error('all endpoints failed'), {
      code: 'all-endpoints-failed',
      toJSON: () => ({ attempts: 3 }),
    });
    expect(serializeError(error)).toEqual({
      code: 'all-endpoints-failed',
      message: 'all endpoints failed',
      details: { attempts: 3 },
    });
  });

  it('gives untyped errors and thrown values the code internal', () => {
    expect(serializeError(new Error('boom'))).toEqual({ code: 'internal', message: 'boom' });
    expect(serializeError('boom')).toEqual({ code: 'internal', message: 'boom' });
  });

  it('round-trips into a RemoteError with the same code', () => {
    const remote = new RemoteError(
      serializeError(Object.assign(new Error('x'), { code: 'not-found' })),
    );
    expect(remote).toBeInstanceOf(Error);
    expect(remote.code).toBe('not-found');
    expect(remote.message).toBe('x');
  });
});
