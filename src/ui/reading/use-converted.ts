/** The article in the script the reader chose; the original while a dictionary loads. */
import { useEffect, useState } from 'preact/hooks';
import type { Article } from '../../core/article';
import { convertArticle } from '../../core/reading/convert-article';
import type { Script } from '../../core/reading/reading-settings';
import { loadConverter } from './opencc';

export type Conversion =
  | { state: 'done'; article: Article }
  | { state: 'loading'; article: Article }
  | { state: 'failed'; article: Article; error: string };

export function useConverted(article: Article, script: Script): Conversion {
  const [result, setResult] = useState<Conversion>({ state: 'done', article });

  useEffect(() => {
    if (script === 'original') {
      setResult({ state: 'done', article });
      return;
    }
    let live = true;
    setResult((r) => ({ state: 'loading', article: r.article }));
    loadConverter(script).then(
      (convert) => {
        if (live) setResult({ state: 'done', article: convertArticle(article, convert, window) });
      },
      (error: unknown) => {
        if (live) setResult({ state: 'failed', article, error: String(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [article, script]);

  return result;
}
