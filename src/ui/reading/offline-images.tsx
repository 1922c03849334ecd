/**
 * "Keep its images for offline reading": on the user's click, the article's images are read
 * (after the browser asks the user to allow their hosts) and kept, sealed, with the saved
 * article; a saved article shows the kept ones from memory, with no request at all.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Article } from '../../core/article';
import { imagesToKeep, MAX_IMAGE_BYTES, originPatterns } from '../../core/library/offline-images';
import { browser } from '../../platform/api';
import { releaseImageHosts } from '../../platform/image-hosts';
import { keepImages, keptImages, type ImageToKeep } from '../../platform/library/library-images';
import { t } from '../i18n';

/** The article's images (hero, then body), as addresses. */
export function useImageUrls(article: Article | null): string[] {
  return useMemo(
    () => (article ? imagesToKeep([article.hero?.src, ...article.images.map((i) => i.src)]) : []),
    [article],
  );
}

/** How long an article waits for its kept images before it shows without them. */
const KEPT_WAIT_MS = 1_500;

/**
 * Object URLs of the images kept for `entryId`, by address; `ready` once looked up (the
 * article waits for it: an image shown from its host first would be a request for nothing);
 * `reload` after keeping more.
 */
export function useKeptImages(entryId: string | null, urls: readonly string[]) {
  const [kept, setKept] = useState<{ for: readonly string[]; map: ReadonlyMap<string, string> }>({
    for: [],
    map: new Map(),
  });
  const [version, setVersion] = useState(0);
  const none = !entryId || urls.length === 0;
  useEffect(() => {
    if (!entryId || urls.length === 0) return;
    let live = true;
    let made: string[] = [];
    const done = (map: Map<string, string>) => {
      made = [...map.values()];
      if (live) setKept({ for: urls, map });
      else made.forEach((u) => URL.revokeObjectURL(u));
    };
    // The article waits for this lookup at most a moment: past it, it shows without them.
    const late = setTimeout(() => live && setKept({ for: urls, map: new Map() }), KEPT_WAIT_MS);
    void keptImages(entryId, urls).then(
      (blobs) => done(new Map([...blobs].map(([url, blob]) => [url, URL.createObjectURL(blob)]))),
      () => done(new Map()),
    );
    return () => {
      clearTimeout(late);
      live = false;
      made.forEach((u) => URL.revokeObjectURL(u));
    };
  }, [entryId, urls, version]);
  return {
    kept: kept.map,
    ready: none || kept.for === urls,
    reload: () => setVersion((v) => v + 1),
  };
}

async function fetchImage(url: string, deadlineMs: number): Promise<ImageToKeep | null> {
  try {
    const answer = await fetch(url, {
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      signal: AbortSignal.timeout(deadlineMs),
    });
    const length = Number(answer.headers.get('content-length') ?? 0);
    if (!answer.ok || length > MAX_IMAGE_BYTES) return null;
    const bytes = new Uint8Array(await answer.arrayBuffer());
    return { url, type: answer.headers.get('content-type') ?? '', bytes };
  } catch {
    return null;
  }
}

type Status = { kind: 'idle' } | { kind: 'working' } | { kind: 'done'; text: string };

export function KeepImagesButton(props: {
  entryId: string;
  urls: readonly string[];
  kept: ReadonlyMap<string, string>;
  deadlineMs: number;
  onKept(): void;
}) {
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const missing = props.urls.filter((u) => !props.kept.has(u));
  if (missing.length === 0 && status.kind === 'idle') return null;

  const keep = async () => {
    // Asked at once, in the click: the browser names the hosts and the user decides.
    const origins = originPatterns(missing);
    const allowed = await browser.permissions.request({ origins }).catch(() => false);
    if (!allowed) {
      setStatus({ kind: 'done', text: t('keepImagesRefused') });
      return;
    }
    setStatus({ kind: 'working' });
    const fetched = await Promise.all(missing.map((u) => fetchImage(u, props.deadlineMs)));
    // Given back at once: a granted host stays in the browser's preferences, naming the site.
    await releaseImageHosts(origins).catch(() => 0);
    const count = await keepImages(
      props.entryId,
      fetched.filter((f): f is ImageToKeep => f !== null),
    ).catch(() => 0);
    setStatus({
      kind: 'done',
      text: t('keepImagesDone', [String(count), String(missing.length)]),
    });
    props.onKept();
  };

  return (
    <div class="reading-row">
      {missing.length > 0 && (
        <button
          type="button"
          data-testid="keep-images"
          disabled={status.kind === 'working'}
          onClick={() => void keep()}
        >
          {t('keepImages')}
        </button>
      )}
      <span class="reading-status" role="status" data-testid="keep-images-status">
        {status.kind === 'working'
          ? t('keepImagesWorking')
          : status.kind === 'done'
            ? status.text
            : ''}
      </span>
    </div>
  );
}
