// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { MAX_REPORTED_LINKS } from '../../src/core/messages';
import type { LinkElement } from '../../src/content/link-scanner';
import { createReportList } from '../../src/content/report-list';

function link(n: number, text = `文章 ${n}`): HTMLAnchorElement {
  const a = document.createElement('a');
  a.href = `https://www.epochtimes.com/gb/21/1/11/n${12_000_000 + n}.htm`;
  a.textContent = `  ${text}  `;
  return a;
}

const many = (count: number, from = 0) => Array.from({ length: count }, (_, i) => link(from + i));

describe('createReportList', () => {
  it('lists the first links with distinct URLs, their trimmed text as title', () => {
    const [a, b] = [link(1), link(2)];
    const twin = link(1, 'again');
    const list = createReportList();
    expect(list.next(new Set<LinkElement>([a, twin, b]))).toEqual([
      { url: a.href, title: '文章 1' },
      { url: b.href, title: '文章 2' },
    ]);
  });

  it('leaves out a full list when the page only appended links', () => {
    const first = many(MAX_REPORTED_LINKS);
    const found = new Set<LinkElement>(first);
    const list = createReportList();
    expect(list.next(found)).toHaveLength(MAX_REPORTED_LINKS);
    for (const a of many(50, 1000)) found.add(a);
    expect(list.next(found)).toBeUndefined();
  });

  it('lists again when the list was not full, a listed link left or changed, or it is asked to', () => {
    const found = new Set<LinkElement>(many(3));
    const list = createReportList();
    list.next(found);
    found.add(link(500));
    expect(list.next(found)).toHaveLength(4);

    const full = new Set<LinkElement>(many(MAX_REPORTED_LINKS + 5));
    const again = createReportList();
    again.next(full);
    const [head] = full;
    full.delete(head!);
    expect(again.next(full)).toHaveLength(MAX_REPORTED_LINKS);

    const [second] = full;
    again.touched(second!);
    expect(again.next(full)).toHaveLength(MAX_REPORTED_LINKS);
    expect(again.next(full)).toBeUndefined();
    expect(again.next(full, true)).toHaveLength(MAX_REPORTED_LINKS);
    again.forget();
    expect(again.next(full)).toHaveLength(MAX_REPORTED_LINKS);
  });
});
