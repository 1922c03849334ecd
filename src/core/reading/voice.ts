/**
 * Which of the system's voices reads an article: a Chinese voice of the article's script
 * (mainland for simplified; Taiwan, then Hong Kong for traditional), else any Chinese voice.
 * Cantonese voices (zh-HK) read traditional text, but never simplified text before a
 * Mandarin one.
 */

export interface VoiceLike {
  lang: string;
  name: string;
  default?: boolean;
  localService?: boolean;
}

const PREFERENCE: Record<'hans' | 'hant', string[]> = {
  hans: ['zh-cn', 'zh-hans', 'cmn-cn', 'zh-sg', 'zh-tw', 'zh-hk'],
  hant: ['zh-tw', 'zh-hant', 'cmn-tw', 'zh-hk', 'yue', 'zh-cn'],
};

function rank(voice: VoiceLike, order: string[]): number {
  const lang = voice.lang.toLowerCase().replace(/_/g, '-');
  const index = order.findIndex((tag) => lang === tag || lang.startsWith(`${tag}-`));
  if (index !== -1) return index;
  return lang === 'zh' || lang.startsWith('zh-') || lang.startsWith('cmn') ? order.length : -1;
}

export function pickVoice<V extends VoiceLike>(
  voices: readonly V[],
  script: 'hans' | 'hant',
): V | null {
  let best: V | null = null;
  let bestRank = Infinity;
  for (const voice of voices) {
    const r = rank(voice, PREFERENCE[script]);
    // Local voices first among equals: they work offline and do not send the text anywhere.
    const score = r * 2 + (voice.localService === false ? 1 : 0);
    if (r !== -1 && score < bestRank) {
      best = voice;
      bestRank = score;
    }
  }
  return best;
}
