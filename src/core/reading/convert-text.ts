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

/** Common words of news text, converted once as part of loading a dictionary. */
const WARM_UP_TEXT =
  '中国共产党发表讲话，这个国家的人民对历史的记忆仍然很深。经济发展报道说明了许多问题，' +
  '志愿者们在夏季清理河道，当地政府认为这项工作对环境保护有重要意义。';

/**
 * Runs the converter over a sample until the engine has compiled its hot paths, so the
 * first article the reader converts does not pay for it (tens of ms otherwise).
 */
export function warmUp(convert: Convert, rounds = 20): void {
  for (let i = 0; i < rounds; i++) convert(WARM_UP_TEXT + String(i));
}
