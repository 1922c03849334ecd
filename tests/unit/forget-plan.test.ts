import { describe, expect, it } from 'vitest';
import { localKeysToForget } from '../../src/core/privacy/forget-plan';
import { WELCOME_SHOWN_KEY } from '../../src/core/welcome';

describe('what "Forget everything" removes from storage.local', () => {
  const stored = ['storageVersion', WELCOME_SHOWN_KEY, 'siteMarksChanged', 'endpointHealth'];

  it('removes everything but the storage version and the welcome flag', () => {
    expect(localKeysToForget(stored, false)).toEqual(['siteMarksChanged', 'endpointHealth']);
  });

  it('removes the storage version too with the settings, and keeps the welcome flag, so the welcome tab does not open again', () => {
    expect(localKeysToForget(stored, true)).toEqual([
      'storageVersion',
      'siteMarksChanged',
      'endpointHealth',
    ]);
  });
});
