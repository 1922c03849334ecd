/**
 * `cli extract <file.md>`: a mirror page file → one JSON line
 * `{"title","source","published","hero","bodyHtml","originalUrl","mirrorUrl"}` (keys in this
 * order; hero is `{"src","alt","caption"}` or null). Exit 1 with `<code>: <message>` on stderr
 * when the file is no article (see ExtractErrorCode) or cannot be read; 2 on a usage error.
 */
import { readFile } from 'node:fs/promises';
import { JSDOM } from 'jsdom';
import { decodePage, extractArticle, ExtractError } from '../core/extract/extract-article';
import { takeSourcesOption } from './sources-option';

const USAGE = 'usage: cli extract <file.md> [--sources <file>]\n';

export async function extract(argv: string[]): Promise<number> {
  const option = await takeSourcesOption(argv);
  if (!option.ok) {
    process.stderr.write(`${option.message}\n${option.exit === 2 ? USAGE : ''}`);
    return option.exit;
  }
  const [file, ...rest] = option.args;
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
    const article = extractArticle(decodePage(bytes), window, { sources: option.sources });
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
