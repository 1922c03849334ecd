import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import manifest from '../../manifest.json';
import { applyPatch, PATCHES } from '../../scripts/no-html-sinks';
import { GECKO_ID, manifestFor } from '../../scripts/targets';

describe('manifestFor', () => {
  it('gives Chromium manifest.json as it is, with the version', () => {
    expect(manifestFor('chromium', manifest, '9.8.7')).toEqual({ ...manifest, version: '9.8.7' });
  });

  it('gives Firefox a background page, its gecko settings and no Chromium-only key', () => {
    const firefox = manifestFor('firefox', manifest, '9.8.7');
    expect(firefox.background).toEqual({
      scripts: [manifest.background.service_worker],
      type: 'module',
    });
    expect(firefox.permissions).not.toContain('offscreen');
    expect(firefox).not.toHaveProperty('minimum_chrome_version');
    expect((firefox as Record<string, unknown>).browser_specific_settings).toEqual({
      gecko: {
        id: GECKO_ID,
        strict_min_version: '142.0',
        data_collection_permissions: { required: ['none'] },
      },
    });
  });

  it('leaves every other key as manifest.json has it, so additions reach both builds', () => {
    const base = {
      ...manifest,
      permissions: [...manifest.permissions, 'alarms'],
      new_key: { a: 1 },
    };
    const firefox = manifestFor('firefox', base, '1.0.0');
    const changed = [
      'background',
      'permissions',
      'minimum_chrome_version',
      'browser_specific_settings',
      'version',
    ];
    for (const key of Object.keys(base).filter((k) => !changed.includes(k))) {
      expect(firefox[key as keyof typeof firefox], key).toEqual(base[key as keyof typeof base]);
    }
    expect(firefox.permissions).toEqual(base.permissions.filter((p) => p !== 'offscreen'));
  });
});

describe('no-html-sinks', () => {
  const modules = resolve(import.meta.dirname, '../../node_modules');
  const files = ['preact/dist/preact.mjs', 'dompurify/dist/purify.es.mjs'];

  it('finds exactly one innerHTML write in each bundled library and removes it', () => {
    for (const file of files) {
      const path = join(modules, file);
      const patch = PATCHES.find((p) => p.file.test(path));
      expect(patch, file).toBeDefined();
      const code = readFileSync(path, 'utf8');
      expect(code.match(/\.innerHTML\s*=[^=]/g), file).toHaveLength(1);
      expect(applyPatch(patch!, code, file).match(/\.innerHTML\s*=[^=]/g), file).toBeNull();
    }
  });

  it('fails the build when a library no longer has the write it expects', () => {
    expect(() => applyPatch(PATCHES[0]!, 'export {}', 'preact.mjs')).toThrow(/expected one/);
  });
});
