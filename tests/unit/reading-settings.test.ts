import { describe, expect, it } from 'vitest';
import { detectScript } from '../../src/core/reading/script-detect';
import {
  langOf,
  normalizeReading,
  readingDefaults,
  stepValue,
} from '../../src/core/reading/reading-settings';
import { defaultSettings, normalizeSettings } from '../../src/core/settings/schema';

describe('reading settings', () => {
  it('are part of the settings with their defaults: system theme, original script', () => {
    expect(defaultSettings).toMatchObject({
      theme: 'system',
      lineHeight: 1.8,
      contentWidth: 40,
      script: 'original',
      speechRate: 1,
    });
  });

  it('keep each valid stored value', () => {
    const stored = {
      theme: 'sepia',
      lineHeight: 2.1,
      contentWidth: 24,
      script: 'hk',
      speechRate: 1.5,
    };
    expect(normalizeSettings({ ...stored, fontSize: 22 })).toMatchObject({
      ...stored,
      fontSize: 22,
    });
  });

  it('replace only the invalid values by their defaults', () => {
    const got = normalizeReading({
      theme: 'neon',
      lineHeight: 1.9,
      contentWidth: '40',
      script: 'tw',
      speechRate: Number.NaN,
    });
    expect(got).toEqual({ ...readingDefaults, script: 'tw' });
    expect(normalizeReading({})).toEqual(readingDefaults);
  });

  it('step through their values and stop at the ends', () => {
    expect(stepValue([1.5, 1.8, 2.1], 1.8, 1)).toBe(2.1);
    expect(stepValue([1.5, 1.8, 2.1], 2.1, 1)).toBe(2.1);
    expect(stepValue([1.5, 1.8, 2.1], 1.5, -1)).toBe(1.5);
  });

  it('give the text its language tag: the chosen script, else the detected one', () => {
    expect(langOf('cn', 'hant')).toBe('zh-Hans');
    expect(langOf('tw', 'hans')).toBe('zh-Hant-TW');
    expect(langOf('hk', 'hans')).toBe('zh-Hant-HK');
    expect(langOf('original', 'hant')).toBe('zh-Hant');
    expect(langOf('original', 'hans')).toBe('zh-Hans');
  });
});

describe('detectScript', () => {
  it('tells simplified from traditional text', () => {
    expect(detectScript('这是一个关于国家发展的报道，人们说的话。')).toBe('hans');
    expect(detectScript('這是一個關於國家發展的報導，人們說的話。')).toBe('hant');
  });

  it('calls text without telling characters simplified', () => {
    expect(detectScript('The quick brown fox 123')).toBe('hans');
  });
});
