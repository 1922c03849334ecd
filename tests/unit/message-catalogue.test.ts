import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  catalogueLocale,
  formatMessage,
  readCatalogue,
  type Catalogue,
} from '../../src/core/message-catalogue';

const state = vi.hoisted(() => ({
  getMessage: (_key: string, _subs?: unknown): string => '',
}));
vi.mock('../../src/platform/api', () => ({
  browser: {
    i18n: {
      getMessage: (key: string, subs?: unknown) => state.getMessage(key, subs),
      getUILanguage: () => 'zh-TW',
    },
    runtime: {
      getManifest: () => ({ default_locale: 'zh_CN' }),
      getURL: (path: string) => `chrome-extension://id/${path}`,
    },
  },
}));

const LOCALES = ['zh_CN', 'zh_TW', 'en'];
const load = (locale: string): Catalogue =>
  readCatalogue(JSON.parse(readFileSync(`public/_locales/${locale}/messages.json`, 'utf8')));

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('the fallback reading of a locale file', () => {
  it('fills named placeholders with their $1…$9 substitutions, as getMessage does', () => {
    expect(formatMessage(load('zh_CN'), 'savedOn', '2026/12/5')).toBe('已保存 · 2026/12/5');
    const catalogue = readCatalogue({
      Price: {
        message: '$ITEM$ costs $$$AMOUNT$ ($2)',
        placeholders: { item: { content: '$1' }, AMOUNT: { content: '$2' } },
      },
      plain: { message: 'no placeholders' },
      broken: { text: 'no message' },
    });
    expect(formatMessage(catalogue, 'price', ['tea', '3'])).toBe('tea costs $3 (3)');
    expect(formatMessage(catalogue, 'plain')).toBe('no placeholders');
    expect(formatMessage(catalogue, 'broken')).toBe('');
    expect(formatMessage(catalogue, 'unknown')).toBe('');
  });

  it('leaves no placeholder unfilled in any message of the three locales', () => {
    for (const locale of LOCALES) {
      const catalogue = load(locale);
      for (const key of Object.keys(catalogue)) {
        const text = formatMessage(catalogue, key, ['A', 'B', 'C', 'D', 'E']);
        expect(text, `${locale} ${key}`).not.toMatch(/\$[A-Za-z_]+\$/);
      }
    }
  });

  it('picks the locale the browser would: exact, then the language, then the default', () => {
    const pick = (language: string) => catalogueLocale(language, LOCALES, 'zh_CN');
    expect(pick('zh-TW')).toBe('zh_TW');
    expect(pick('zh-CN')).toBe('zh_CN');
    expect(pick('en-GB')).toBe('en');
    expect(pick('en')).toBe('en');
    expect(pick('zh-HK')).toBe('zh_CN');
    expect(pick('fr')).toBe('zh_CN');
  });
});

describe('t()', () => {
  it("gives the locale file's text when the browser's i18n answers '' for every key", async () => {
    state.getMessage = () => '';
    const fetched: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      fetched.push(url);
      return new Response(readFileSync('public/_locales/zh_TW/messages.json'));
    });
    const { ensureMessages, t } = await import('../../src/ui/i18n');
    expect(t('savedOn', '2026/12/5')).toBe('savedOn'); // before: the key, as before the fix
    await ensureMessages();
    expect(fetched).toEqual(['chrome-extension://id/_locales/zh_TW/messages.json']);
    expect(t('savedOn', '2026/12/5')).toBe(formatMessage(load('zh_TW'), 'savedOn', '2026/12/5'));
    expect(t('savedOn', '2026/12/5')).not.toContain('savedOn');
  });

  it("reads nothing when the browser's i18n answers", async () => {
    state.getMessage = (key) => `«${key}»`;
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    const { ensureMessages, t } = await import('../../src/ui/i18n');
    await ensureMessages();
    expect(fetch).not.toHaveBeenCalled();
    expect(t('savedOn', 'x')).toBe('«savedOn»');
  });
});
