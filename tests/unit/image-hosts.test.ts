import { describe, expect, it, vi } from 'vitest';
import { grantedForImages } from '../../src/core/library/offline-images';

const REQUIRED = ['https://github.com/*', 'https://*.jsdelivr.net/*'];
let granted: string[] = [];
const removed: string[][] = [];
vi.mock('../../src/platform/api', () => ({
  browser: {
    runtime: { getManifest: () => ({ host_permissions: REQUIRED }) },
    permissions: {
      getAll: async () => ({ origins: [...granted] }),
      remove: async ({ origins }: { origins: string[] }) => {
        removed.push(origins);
        // Chromium refuses to remove what the manifest requires (a subdomain of it too).
        if (origins.some((o) => o.endsWith('.jsdelivr.net/*'))) throw new Error('required');
        granted = granted.filter((g) => !origins.includes(g));
        return true;
      },
    },
  },
}));

const { releaseImageHosts } = await import('../../src/platform/image-hosts');

describe('hosts granted for keeping images', () => {
  it('are all but the manifest’s own', () => {
    expect(
      grantedForImages(
        ['https://github.com/*', 'https://i.example.com/*', 'http://b.example/*'],
        REQUIRED,
      ),
    ).toEqual(['https://i.example.com/*', 'http://b.example/*']);
  });

  it('are given back, one at a time, a refused one not keeping the others; Forget gives back all', async () => {
    granted = [
      ...REQUIRED,
      'https://i.example.com/*',
      'https://cdn.jsdelivr.net/*',
      'http://b.example/*',
    ];
    expect(await releaseImageHosts(['https://cdn.jsdelivr.net/*', 'https://i.example.com/*'])).toBe(
      1,
    );
    expect(granted).toContain('http://b.example/*');
    expect(await releaseImageHosts()).toBe(1);
    expect(granted).toEqual([...REQUIRED, 'https://cdn.jsdelivr.net/*']);
    expect(removed.every((origins) => origins.length === 1)).toBe(true);
  });
});
