import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/core/reading/sentences';
import { pickVoice } from '../../src/core/reading/voice';

describe('splitSentences', () => {
  it('ends sentences at Chinese marks, with closing quotes kept, and at line breaks', () => {
    const text = '他说：“今天很好。”明天呢？会下雨！\n标题行\n最后一句';
    expect(splitSentences(text).map((s) => s.text)).toEqual([
      '他说：“今天很好。”',
      '明天呢？',
      '会下雨！',
      '标题行',
      '最后一句',
    ]);
  });

  it('gives offsets that point at the sentence in the text', () => {
    const text = '  第一句。 第二句！';
    for (const s of splitSentences(text)) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('skips spans of punctuation or space only', () => {
    expect(splitSentences('……\n\n 。 ')).toEqual([]);
  });
});

const voices = [
  { lang: 'en-US', name: 'English' },
  { lang: 'zh-HK', name: 'Cantonese' },
  { lang: 'zh-TW', name: 'Taiwan', localService: false },
  { lang: 'zh_TW', name: 'Taiwan local', localService: true },
  { lang: 'zh-CN', name: 'Mandarin' },
];

describe('pickVoice', () => {
  it('reads simplified text with a mainland voice', () => {
    expect(pickVoice(voices, 'hans')?.name).toBe('Mandarin');
  });

  it('reads traditional text with a Taiwan voice, a local one first', () => {
    expect(pickVoice(voices, 'hant')?.name).toBe('Taiwan local');
  });

  it('falls back to a Hong Kong voice for traditional text, and to any Chinese voice', () => {
    expect(pickVoice([voices[0]!, voices[1]!], 'hant')?.name).toBe('Cantonese');
    expect(pickVoice([{ lang: 'zh', name: 'Chinese' }], 'hans')?.name).toBe('Chinese');
  });

  it('finds none when the system has no Chinese voice', () => {
    expect(pickVoice([voices[0]!, { lang: 'ja-JP', name: 'Japanese' }], 'hans')).toBeNull();
    expect(pickVoice([], 'hant')).toBeNull();
  });
});
