// The manifest Chromium reads (dist/, written by `npm run build`, which `npm test` runs
// first): no file a page could load to detect the extension, no way for a page to message it.
import { describe, expect, it } from 'vitest';
import { readBuiltManifest } from '../e2e/harness/browser';

describe('the built manifest', () => {
  const manifest = readBuiltManifest();

  it('exposes no file to web pages (no web_accessible_resources)', () => {
    expect(manifest).not.toHaveProperty('web_accessible_resources');
  });

  it('accepts no message from web pages or other extensions (no externally_connectable)', () => {
    expect(manifest).not.toHaveProperty('externally_connectable');
  });

  it('asks for no history permission: private reading works without it', () => {
    const asked = [
      ...((manifest.permissions as string[] | undefined) ?? []),
      ...((manifest.optional_permissions as string[] | undefined) ?? []),
    ];
    expect(asked).not.toContain('history');
  });
});
