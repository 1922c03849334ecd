/** User-facing text comes from _locales; the key type is generated from the default locale. */
import type messages from '../../public/_locales/zh_CN/messages.json';
import {
  catalogueLocale,
  formatMessage,
  readCatalogue,
  type Catalogue,
} from '../core/message-catalogue';
import { browser } from '../platform/api';

export type MessageKey = keyof typeof messages;

/** The locales the package ships (public/_locales). */
const SHIPPED = ['zh_CN', 'zh_TW', 'en'];

/** Our own reading of the locale file, when the browser's i18n answers nothing. */
let fallback: Catalogue | undefined;

export function t(key: MessageKey, substitutions?: string | string[]): string {
  return (
    browser.i18n.getMessage(key, substitutions) ||
    (fallback && formatMessage(fallback, key, substitutions)) ||
    key
  );
}

/**
 * Resolves once `t` has text to give. The browser's i18n answers at once, almost always; when
 * it answers '' for a message every locale has (message-catalogue.ts says when), the locale's
 * file is read from the package instead. Pages render after this.
 */
export async function ensureMessages(): Promise<void> {
  if (fallback || browser.i18n.getMessage('extName') !== '') return;
  const locale = catalogueLocale(
    browser.i18n.getUILanguage(),
    SHIPPED,
    browser.runtime.getManifest().default_locale ?? 'zh_CN',
  );
  try {
    const response = await fetch(browser.runtime.getURL(`_locales/${locale}/messages.json`));
    fallback = readCatalogue(await response.json());
  } catch {
    // The package unreadable too: keys it is, as before.
  }
}

export type UiLocale = 'zh_CN' | 'zh_TW' | 'en';

/** The UI language as one of ours: Traditional for zh-TW/HK/MO/Hant, Simplified for other zh. */
export function uiLocale(language = browser.i18n.getUILanguage()): UiLocale {
  const lang = language.toLowerCase().replace('_', '-');
  if (!lang.startsWith('zh')) return 'en';
  return /^zh-(tw|hk|mo|hant)/.test(lang) ? 'zh_TW' : 'zh_CN';
}

/** The page's language is the UI's: screen readers pick their voice by it. */
export function setDocumentLang(doc: Document = document): void {
  doc.documentElement.lang = browser.i18n.getUILanguage();
}
