import { describe, expect, it } from 'vitest';
import type { LibraryEntry } from '../../src/core/library/entry';
import {
  libraryToHtml,
  libraryToMarkdown,
  parseLibraryExport,
} from '../../src/core/library/export';

function entry(n: number, text: string): LibraryEntry {
  const location = { owner: 'o', repo: 'r', branch: 'master', path: `pages/p/${n}.md` };
  return {
    v: 1,
    id: `o/r@master:pages/p/${n}.md`,
    urls: [`https://www.example.org/${n}.html`],
    title: `标题 ${n} <b>&"'`,
    source: 'example.org',
    published: n % 2 ? '2024-01-02' : null,
    originalUrl: n % 2 ? `https://www.example.org/${n}.html` : null,
    mirrorUrl: `https://github.com/o/r/blob/master/pages/p/${n}.md`,
    location,
    text,
    savedAt: 1000 + n,
    openedAt: 2000 + n,
    pinned: n === 2,
  };
}

// Pages holding what could break a naive format: the markers themselves, script ends, blank
// lines at the end, CRLF, an empty page.
const entries = [
  entry(1, '### 一\n\n<!-- mirror-reader-article {} -->\n正文'),
  entry(2, '### 二\r\n</script><script>alert(1)</script>\n\n\n'),
  entry(3, ''),
];

const render = (e: LibraryEntry) => `<p>${e.id}</p>`;

describe('library export and import', () => {
  it('round-trips every entry exactly through Markdown', () => {
    const md = libraryToMarkdown(entries);
    expect(parseLibraryExport(md)).toEqual({ ok: true, entries });
    expect(parseLibraryExport(libraryToMarkdown([entries[0]!]))).toEqual({
      ok: true,
      entries: [entries[0]],
    });
  });

  it('round-trips every entry exactly through HTML, with no script to run', () => {
    const html = libraryToHtml(entries, render, 'Library');
    expect(parseLibraryExport(html)).toEqual({ ok: true, entries });
    expect(html).not.toContain('<script>alert');
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('标题 1 &#60;b&#62;');
  });

  it('imports nothing from a file that is not an export, or with one bad entry', () => {
    expect(parseLibraryExport('# just markdown').ok).toBe(false);
    expect(parseLibraryExport('<html></html>').ok).toBe(false);
    const broken = libraryToMarkdown(entries).replace('"pinned":false', '"pinned":"no"');
    expect(parseLibraryExport(broken)).toEqual({ ok: false, reason: 'bad-entry', index: 0 });
    const cut = libraryToMarkdown(entries).slice(0, -30);
    expect(parseLibraryExport(cut).ok).toBe(false);
  });
});
