/**
 * OpenCC's dictionaries, loaded only when the reader asks for a conversion: each bundle is
 * its own chunk (simplified→traditional is about 1 MB), fetched from the package on first
 * use and kept for the page's life.
 */
import { converterSpec, warmUp, type Convert } from '../../core/reading/convert-text';
import type { Script } from '../../core/reading/reading-settings';

const cache = new Map<string, Promise<Convert>>();

async function build(script: Exclude<Script, 'original'>): Promise<Convert> {
  const spec = converterSpec(script);
  const lib =
    spec.bundle === 't2cn' ? await import('opencc-js/t2cn') : await import('opencc-js/cn2t');
  const convert = lib.Converter({ from: spec.from, to: spec.to });
  warmUp(convert);
  return convert;
}

export function loadConverter(script: Exclude<Script, 'original'>): Promise<Convert> {
  let converter = cache.get(script);
  if (!converter) {
    converter = build(script);
    // A failed load (an interrupted chunk fetch) is tried again next time.
    converter.catch(() => cache.delete(script));
    cache.set(script, converter);
  }
  return converter;
}
