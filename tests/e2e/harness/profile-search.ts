/**
 * Searches every file of a browser profile for what must not stay there: each needle as
 * UTF-8 and UTF-16 (little-endian, as Chromium's SQLite and session files may store it),
 * and URLs also percent-encoded (whole, and as an address bar or a query string encodes them).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface Needle {
  /** How the report names it, e.g. "title of n12681566". */
  name: string;
  text: string;
  url?: boolean;
}

export interface ProfileHit {
  file: string;
  needle: string;
  form: string;
}

function forms(needle: Needle): [string, string][] {
  const texts: [string, string][] = [['text', needle.text]];
  if (needle.url) {
    texts.push(['encodeURI', encodeURI(needle.text)]);
    texts.push(['encodeURIComponent', encodeURIComponent(needle.text)]);
  }
  return texts.flatMap(([form, text]) => [
    [`${form} utf-8`, text],
    [`${form} utf-16`, text],
  ]);
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return files(path);
    return entry.isFile() ? [path] : [];
  });
}

/** Every (file, needle, form) found; the profile must be closed (files flushed). */
export function searchProfile(profileDir: string, needles: readonly Needle[]): ProfileHit[] {
  const patterns = needles.flatMap((needle) =>
    forms(needle).map(([form, text]) => ({
      needle: needle.name,
      form,
      bytes: Buffer.from(text, form.endsWith('utf-16') ? 'utf16le' : 'utf8'),
    })),
  );
  const hits: ProfileHit[] = [];
  for (const file of files(profileDir)) {
    let content: Buffer;
    try {
      content = readFileSync(file);
    } catch {
      continue; // A socket or lock that vanished.
    }
    for (const { needle, form, bytes } of patterns) {
      if (content.includes(bytes)) hits.push({ file: relative(profileDir, file), needle, form });
    }
  }
  return hits;
}
