/**
 * `cli extract <file.md>`: a mirror page file → one JSON line
 * `{"title","source","published","hero","bodyHtml","originalUrl","mirrorUrl"}` (keys in this
 * order; hero is `{"src","alt","caption"}` or null). Exit 1 with `<code>: <message>` on stderr
 * when the file is no article (see ExtractErrorCode) or cannot be read; 2 on a usage error.
 */
import { readFile } from 'node:fs/promises';
import { JSDOM } from 'jsdom';
import { decodePage, extractArticle, ExtractError } from '../core/extract/extract-article';

const USAGE = 'usage: cli extract <file.md>\n';

export async function extract(args: string[]): Promise<number> {
  const [file, ...rest] = args;
  if (file === undefined || file === '' || rest.length > 0) {
    process.stderr.write(USAGE);
    return 2;
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    process.stderr.write(`unreadable: cannot read ${file}: ${reason}\n`);
    return 1;
  }
  const { window } = new JSDOM('');
  try {
    const article = extractArticle(decodePage(bytes), window);
    const { title, source, published, hero, bodyHtml, originalUrl, mirrorUrl } = article;
    const output = {
      title,
      source,
      published,
      hero: hero ? { src: hero.src, alt: hero.alt, caption: hero.caption } : null,
      bodyHtml,
      originalUrl,
      mirrorUrl,
    };
    process.stdout.write(`${JSON.stringify(output)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof ExtractError)) throw error;
    process.stderr.write(`${error.code}: ${error.message}\n`);
    return 1;
  } finally {
    window.close();
  }
}
