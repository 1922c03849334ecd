import { describe, expect, it } from 'vitest';
import {
  decodeHtmlEntities,
  extractBlobText,
  extractPlainViewText,
} from '../../src/core/fetch/github-blob';
import { blobPage, plainViewPage } from '../helpers/fake-network';

const TEXT = '### 标题\n------\n\n<div class="x">a & b</div>\n</script>\n原文地址：http://x/';

describe('github.com blob page', () => {
  it('reads the lines of the 2025–26 shape (codeViewBlobLayoutRoute.StyledBlob)', () => {
    expect(extractBlobText(blobPage(TEXT, 'styled'))).toBe(TEXT);
  });

  it('reads the lines of the older shape (payload.blob)', () => {
    expect(extractBlobText(blobPage(TEXT, 'blob'))).toBe(TEXT);
  });

  it('returns null when a very large file comes without lines', () => {
    expect(extractBlobText(blobPage(TEXT, 'none'))).toBeNull();
  });

  it('finds rawLines under a renamed wrapper, and skips other scripts and broken JSON', () => {
    const json = JSON.stringify({ payload: { 'someNewRoute.Blob': { rawLines: ['a', 'b'] } } });
    const html = `<script>var x = 1;</script><script type="application/json" data-target="react-app.embeddedData">{broken</script>
<script data-target="react-app.embeddedData" type="application/json">${json}</script>`;
    expect(extractBlobText(html)).toBe('a\nb');
  });

  it('returns null for pages that are not blob pages', () => {
    expect(extractBlobText('<html><body>Page not found</body></html>')).toBeNull();
    expect(
      extractBlobText(
        '<script type="application/json" data-target="react-app.embeddedData">{"payload":{"blob":{"rawLines":[1,2]}}}</script>',
      ),
    ).toBeNull();
  });
});

describe('github.com ?plain=1 view', () => {
  it('reads the read-only textarea of the code view', () => {
    expect(extractPlainViewText(plainViewPage(TEXT))).toBe(TEXT);
  });

  it('reads the older table of LC cells, in line order, without tags', () => {
    const html = `<table><tr><td id="LC2" class="blob-code">&lt;b&gt;two&lt;/b&gt;</td></tr>
<tr><td id="LC1" class="blob-code"><span class="pl-mh">### one</span></td></tr></table>`;
    expect(extractPlainViewText(html)).toBe('### one\n<b>two</b>');
  });

  it('prefers embedded lines when the plain view has them', () => {
    expect(extractPlainViewText(blobPage(TEXT, 'styled'))).toBe(TEXT);
  });

  it('returns null when neither shape is there', () => {
    expect(extractPlainViewText('<html><body>Too big to show</body></html>')).toBeNull();
  });

  it('decodes named and numeric entities, leaving unknown ones', () => {
    expect(decodeHtmlEntities('&lt;a&gt; &amp; &quot;&#39;&#x4E2D;&#25991; &bogus; &#0;')).toBe(
      '<a> & "\'中文 &bogus; &#0;',
    );
  });
});
