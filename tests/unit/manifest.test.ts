import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import manifest from '../../manifest.json';

interface LocaleMessage {
  message: string;
  description?: string;
  placeholders?: Record<string, unknown>;
}

const localesDir = new URL('../../public/_locales/', import.meta.url);
const locales = readdirSync(localesDir);
const messages = (locale: string) =>
  JSON.parse(readFileSync(new URL(`${locale}/messages.json`, localesDir), 'utf8')) as Record<
    string,
    LocaleMessage
  >;

describe('manifest', () => {
  it('is Manifest V3 with a module service worker and zh_CN as default locale', () => {
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.background.type).toBe('module');
    expect(manifest.default_locale).toBe('zh_CN');
  });

  it('asks for exactly the permissions the README justifies', () => {
    expect([...manifest.permissions].sort()).toEqual(
      [
        'activeTab',
        'clipboardWrite',
        'contextMenus',
        'offscreen',
        'storage',
        'webNavigation',
      ].sort(),
    );
    expect(manifest.host_permissions).toEqual([
      'https://github.com/*',
      'https://raw.githubusercontent.com/*',
      'https://*.jsdelivr.net/*',
    ]);
    expect(manifest).not.toHaveProperty('web_accessible_resources');
  });

  it('has a strict CSP: scripts only from the package, no eval, nothing inline', () => {
    const csp = manifest.content_security_policy.extension_pages;
    const directives = new Map(
      csp.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(csp).not.toMatch(/unsafe-(eval|inline)/);
    // 'self': the shipped index snapshot; the API: the on-device index build (it answers CORS);
    // any http(s) host: images the user asks to keep with a saved article, readable only from
    // hosts the user then allows (optional host permissions, asked at that click).
    expect(directives.get('connect-src')).toEqual([
      "'self'",
      'https://github.com',
      'https://raw.githubusercontent.com',
      'https://*.jsdelivr.net',
      'https://api.github.com',
      'https:',
      'http:',
    ]);
    expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
  });

  it('takes every user-facing manifest string from _locales', () => {
    for (const value of [manifest.name, manifest.description, manifest.action.default_title]) {
      expect(value).toMatch(/^__MSG_\w+__$/);
    }
  });
});

describe('_locales', () => {
  it('has zh_CN, zh_TW and en', () => {
    expect(locales.sort()).toEqual(['en', 'zh_CN', 'zh_TW']);
  });

  it('gives every locale the same keys and placeholders as the default one', () => {
    const base = messages('zh_CN');
    for (const locale of locales) {
      const other = messages(locale);
      expect(Object.keys(other).sort(), locale).toEqual(Object.keys(base).sort());
      for (const [key, value] of Object.entries(base)) {
        expect(Object.keys(other[key]?.placeholders ?? {}), `${locale}:${key}`).toEqual(
          Object.keys(value.placeholders ?? {}),
        );
        expect(other[key]?.message.trim(), `${locale}:${key}`).not.toBe('');
      }
    }
  });

  it('describes every message key for translators', () => {
    for (const [key, value] of Object.entries(messages('zh_CN'))) {
      expect(value.description, key).toBeTruthy();
    }
  });

  it('uses every $PLACEHOLDER$ it declares', () => {
    for (const locale of locales) {
      for (const [key, value] of Object.entries(messages(locale))) {
        for (const name of Object.keys(value.placeholders ?? {})) {
          expect(value.message.toLowerCase(), `${locale}:${key}`).toContain(`$${name}$`);
        }
      }
    }
  });
});
