/** User-facing text comes from _locales; the key type is generated from the default locale. */
import type messages from '../../public/_locales/zh_CN/messages.json';
import { browser } from '../platform/api';

export type MessageKey = keyof typeof messages;

export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
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
