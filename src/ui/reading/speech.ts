/**
 * Read aloud with the browser's own speech synthesis: one utterance per sentence, so the
 * sentence being spoken can be highlighted (CSS Custom Highlight API: no change to the
 * article's DOM) and pause, resume and stop act at once.
 */
import { splitSentences, type Sentence } from '../../core/reading/sentences';
import { pickVoice } from '../../core/reading/voice';

export const HIGHLIGHT_NAME = 'mr-reading';

export type SpeechState = 'idle' | 'playing' | 'paused';

interface TextMap {
  text: string;
  nodes: { node: Text; start: number }[];
}

const BLOCK = 'p, h1, h2, h3, h4, h5, h6, li, figcaption, blockquote, div, td';

/** The text of `roots` in reading order, a line break between blocks, with node offsets. */
export function textMap(roots: Element[]): TextMap {
  const map: TextMap = { text: '', nodes: [] };
  let lastBlock: Element | null = null;
  for (const root of roots) {
    const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (
      let node = walker.nextNode() as Text | null;
      node;
      node = walker.nextNode() as Text | null
    ) {
      const block = node.parentElement?.closest(BLOCK) ?? root;
      if (lastBlock !== null && block !== lastBlock) map.text += '\n';
      lastBlock = block;
      map.nodes.push({ node, start: map.text.length });
      map.text += node.data;
    }
    map.text += '\n';
  }
  return map;
}

function position(map: TextMap, offset: number): [Text, number] | null {
  let found: TextMap['nodes'][number] | undefined;
  for (const entry of map.nodes) {
    if (entry.start > offset) break;
    found = entry;
  }
  if (!found) return null;
  return [found.node, Math.min(offset - found.start, found.node.data.length)];
}

export function sentenceRange(map: TextMap, sentence: Sentence): Range | null {
  const start = position(map, sentence.start);
  const end = position(map, sentence.end);
  if (!start || !end) return null;
  const range = start[0].ownerDocument.createRange();
  range.setStart(...start);
  range.setEnd(...end);
  return range;
}

/** The system's voices, waiting briefly for the list: Chromium fills it asynchronously. */
export function voices(synth: SpeechSynthesis, waitMs = 1500): Promise<SpeechSynthesisVoice[]> {
  const now = synth.getVoices();
  if (now.length > 0) return Promise.resolve(now);
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      synth.removeEventListener('voiceschanged', done);
      resolve(synth.getVoices());
    };
    const timer = setTimeout(done, waitMs);
    synth.addEventListener('voiceschanged', done);
  });
}

export interface ReadAloudOptions {
  roots: Element[];
  script: 'hans' | 'hant';
  rate: number;
  onState(state: SpeechState): void;
}

/** Starts reading; resolves to null when the system has no Chinese voice. */
export async function startReading(options: ReadAloudOptions): Promise<ReadAloud | null> {
  const synth = globalThis.speechSynthesis;
  const voice = pickVoice(await voices(synth), options.script);
  if (!voice) return null;
  const reader = new ReadAloud(synth, voice, options);
  reader.play();
  return reader;
}

export class ReadAloud {
  private readonly map: TextMap;
  private readonly sentences: Sentence[];
  private index = 0;
  /** Bumped on stop, so late events of cancelled utterances are ignored. */
  private generation = 0;

  constructor(
    private readonly synth: SpeechSynthesis,
    private readonly voice: SpeechSynthesisVoice,
    private readonly options: ReadAloudOptions,
  ) {
    this.map = textMap(options.roots);
    this.sentences = splitSentences(this.map.text);
  }

  play(): void {
    this.generation++;
    this.synth.cancel();
    this.speak(this.index, this.generation);
  }

  pause(): void {
    this.synth.pause();
    this.options.onState('paused');
  }

  resume(): void {
    this.synth.resume();
    this.options.onState('playing');
  }

  stop(): void {
    this.generation++;
    this.synth.cancel();
    this.index = 0;
    highlight(null);
    this.options.onState('idle');
  }

  private speak(index: number, generation: number): void {
    const sentence = this.sentences[index];
    if (!sentence) {
      this.stop();
      return;
    }
    this.index = index;
    const utterance = new SpeechSynthesisUtterance(sentence.text);
    utterance.voice = this.voice;
    utterance.lang = this.voice.lang;
    utterance.rate = this.options.rate;
    utterance.onstart = () => {
      if (generation !== this.generation) return;
      const range = sentenceRange(this.map, sentence);
      highlight(range);
      range?.startContainer.parentElement?.scrollIntoView({ block: 'nearest' });
    };
    utterance.onend = () => {
      if (generation === this.generation) this.speak(index + 1, generation);
    };
    utterance.onerror = (event) => {
      if (generation === this.generation && event.error !== 'interrupted') this.stop();
    };
    this.options.onState('playing');
    this.synth.speak(utterance);
  }
}

function highlight(range: Range | null): void {
  // CSS.highlights is missing in older browsers: reading goes on without the highlight.
  const registry = globalThis.CSS?.highlights;
  if (!registry) return;
  if (range) registry.set(HIGHLIGHT_NAME, new Highlight(range));
  else registry.delete(HIGHLIGHT_NAME);
}
