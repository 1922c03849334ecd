/**
 * Reader addresses as the settings want them: private (an opaque id mapped in
 * storage.session, emptied when the browser closes) or naming the article.
 */
import {
  newReaderId,
  parseReaderAddress,
  privateReaderPath,
  READER_IDS_KEY,
  readerIdsOf,
  readerPath,
  withReaderId,
} from '../core/pages/reader-url';
import { browser } from './api';
import { getSettings } from './storage';

let writes: Promise<unknown> = Promise.resolve();

/** Remembers `url` under a fresh id for this browser session; the id. */
export function rememberUrl(url: string): Promise<string> {
  const id = newReaderId(crypto.getRandomValues(new Uint8Array(16)));
  const run = writes.then(async () => {
    const { [READER_IDS_KEY]: stored } = await browser.storage.session.get(READER_IDS_KEY);
    await browser.storage.session.set({ [READER_IDS_KEY]: withReaderId(stored, id, url) });
    return id;
  });
  writes = run.catch(() => undefined);
  return run;
}

/**
 * The full reader URL for an article, private unless the user turned private reading off.
 * Asked for from an incognito tab it is always private, and flagged: nothing of it is kept.
 */
export async function readerUrlFor(
  url: string,
  options: { share?: boolean; incognito?: boolean } = {},
) {
  const { privateReading } = await getSettings();
  const path =
    privateReading || options.incognito
      ? privateReaderPath(await rememberUrl(url), options)
      : readerPath(url, options);
  return browser.runtime.getURL(path);
}

/** The article a private id stands for this browser session, or null. */
export async function articleOfId(id: string): Promise<string | null> {
  const { [READER_IDS_KEY]: stored } = await browser.storage.session.get(READER_IDS_KEY);
  return readerIdsOf(stored)[id] ?? null;
}

/**
 * The article a reader address shows: its URL; null when the address is the reader but its
 * private id is no longer known (a tab restored after the browser closed) or names nothing;
 * undefined when it is not the reader.
 */
export async function articleOfReader(address: string): Promise<string | null | undefined> {
  const parsed = parseReaderAddress(address, browser.runtime.getURL(''));
  if (!parsed) return undefined;
  if (parsed.kind === 'url') return parsed.url;
  if (parsed.kind === 'empty') return null;
  return articleOfId(parsed.id);
}
