/** User-facing text comes from _locales; the key type is generated from the default locale. */
import type messages from '../../public/_locales/zh_CN/messages.json';
import { browser } from '../platform/api';

export type MessageKey = keyof typeof messages;

export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}
