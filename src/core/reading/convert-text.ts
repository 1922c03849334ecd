/**
 * 简/繁 conversion of article text around what must never change: web addresses (links,
 * the mirror link) pass through untouched, only the words between them are converted.
 */
import type { Script } from './reading-settings';

export type Convert = (text: string) => string;

/** Which OpenCC bundle and locales turn any Chinese text into `script`. */
export interface ConverterSpec {
  /** `t2cn`: traditional to simplified (small); `cn2t`: simplified to traditional (large). */
  bundle: 't2cn' | 'cn2t';
  from: string;
  to: string;
}

export function converterSpec(script: Exclude<Script, 'original'>): ConverterSpec {
  // Taiwan's table also knows Hong Kong's characters; articles of both regions convert well.
  if (script === 'cn') return { bundle: 't2cn', from: 'tw', to: 'cn' };
  return { bundle: 'cn2t', from: 'cn', to: script };
}

const URL_LIKE = /(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s<>"'，。、）)】」』]+/gi;

export function convertKeepingUrls(text: string, convert: Convert): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(URL_LIKE)) {
    out += convert(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + convert(text.slice(last));
}
