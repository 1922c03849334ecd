import { describe, expect, it } from 'vitest';
import { DEFAULT_ENDPOINT_ORDER } from '../../src/core/fetch/endpoints';
import {
  activeEndpoints,
  defaultSettings,
  markLinksOf,
  normalizeSettings,
  readSettings,
  settingChecks,
  SETTING_KEYS,
} from '../../src/core/settings/schema';

describe('settings schema', () => {
  it('returns the defaults for nothing stored', () => {
    expect(normalizeSettings(undefined)).toEqual(defaultSettings);
    expect(normalizeSettings('junk')).toEqual(defaultSettings);
  });

  it('has a check for every field that accepts its default', () => {
    for (const key of SETTING_KEYS) {
      expect(settingChecks[key](defaultSettings[key]), key).toEqual(defaultSettings[key]);
    }
  });

  it('keeps every valid field and reports only the invalid ones, one by one', () => {
    const { settings, problems } = readSettings({
      markLinks: false,
      readerOnError: 'sometimes',
      fontSize: 20,
      images: 'never',
      libraryLimit: '500',
      unrelated: 1,
    });
    expect(settings).toEqual({
      ...defaultSettings,
      markLinks: false,
      fontSize: 20,
      images: 'never',
    });
    expect(problems.map((p) => p.key).sort()).toEqual(['libraryLimit', 'readerOnError']);
  });

  it('rejects numbers out of range, NaN and strings', () => {
    for (const fontSize of [2, Number.NaN, '20', 1e9]) {
      expect(normalizeSettings({ fontSize }).fontSize).toBe(defaultSettings.fontSize);
    }
    expect(normalizeSettings({ libraryLimit: 3 }).libraryLimit).toBe(500);
    expect(normalizeSettings({ libraryLimit: 1200.4 }).libraryLimit).toBe(1200);
  });

  it('takes an endpoint order only when it names each endpoint once', () => {
    const reversed = [...DEFAULT_ENDPOINT_ORDER].reverse();
    expect(normalizeSettings({ endpointOrder: reversed }).endpointOrder).toEqual(reversed);
    for (const bad of [['raw'], [...reversed.slice(1), reversed[1]], [...reversed, 'ftp']]) {
      expect(readSettings({ endpointOrder: bad }).problems).toHaveLength(1);
    }
  });

  it('lists the endpoints in use in the user order without the disabled ones', () => {
    const settings = normalizeSettings({
      endpointOrder: ['raw', 'github', 'fastly', 'gcore', 'testingcf', 'cdn'],
      disabledEndpoints: ['github', 'cdn'],
    });
    expect(activeEndpoints(settings)).toEqual(['raw', 'fastly', 'gcore', 'testingcf']);
  });

  it('rejects a huge or malformed list of disabled sources', () => {
    expect(readSettings({ disabledSources: Array(101).fill('a.com') }).problems).toHaveLength(1);
    expect(readSettings({ disabledSources: ['<script>'] }).problems).toHaveLength(1);
    expect(normalizeSettings({ disabledSources: ['rfa.org'] }).disabledSources).toEqual([
      'rfa.org',
    ]);
  });
});

describe('markLinksOf', () => {
  it('reads the stored item and falls back to the default for anything else', () => {
    expect(markLinksOf(false)).toBe(false);
    expect(markLinksOf(true)).toBe(true);
    for (const raw of [undefined, null, 'off', 0, [], { markLinks: false }]) {
      expect(markLinksOf(raw)).toBe(defaultSettings.markLinks);
    }
  });
});
