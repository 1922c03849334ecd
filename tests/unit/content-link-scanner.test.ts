// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  SCAN_CHUNK,
  startLinkScanner,
  type LinkElement,
  type LinkScanner,
} from '../../src/content/link-scanner';
import { candidateSelector, isMirrorableUrl } from '../../src/content/mirrorable';

const ORIGINAL = 'https://www.epochtimes.com/gb/21/1/11/n12681566.htm';
const ORIGINAL_2 = 'https://www.ntdtv.com/gb/2022/07/03/a103470752.html';

/** A manual scheduler: batches run when the test says so. */
function manualSchedule() {
  const tasks: (() => void)[] = [];
  return {
    schedule: (task: () => void) => void tasks.push(task),
    get pending() {
      return tasks.length;
    },
    run() {
      for (const task of tasks.splice(0)) task();
    },
  };
}

/** MutationObserver callbacks are microtasks: let them run. */
const mutations = () => new Promise<void>((resolve) => queueMicrotask(resolve));

function link(href: string, text = 'link'): HTMLAnchorElement {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  return a;
}

let scanner: LinkScanner | undefined;
afterEach(() => {
  scanner?.stop();
  scanner = undefined;
  document.body.replaceChildren();
});

function start(overrides: Partial<Parameters<typeof startLinkScanner>[1]> = {}) {
  const clock = manualSchedule();
  const changes: number[] = [];
  const found: LinkElement[] = [];
  const lost: LinkElement[] = [];
  const isMirrorable = vi.fn(isMirrorableUrl);
  scanner = startLinkScanner(document, {
    selector: candidateSelector('http://forum.example/thread'),
    isMirrorable,
    onChange: (set) => changes.push(set.size),
    onFound: (l) => found.push(l),
    onLost: (l) => lost.push(l),
    schedule: clock.schedule,
    ...overrides,
  });
  return { clock, changes, found, lost, isMirrorable, scanner };
}

describe('startLinkScanner', () => {
  it('finds exactly the mirrorable a[href] and area[href] links on the first scan', () => {
    const map = document.createElement('map');
    const area = document.createElement('area');
    area.href = ORIGINAL_2;
    map.append(area);
    const good = link(ORIGINAL);
    document.body.append(
      good,
      link('https://epochtimes.com.evil.example/gb/21/1/11/n12681566.htm'),
      link('http://epochtimes.com@evil.example/gb/21/1/11/n12681566.htm'),
      link('https://example.com/'),
      document.createElement('a'), // no href
      map,
    );
    const { changes, found } = start();
    expect(found).toEqual([good, area]);
    expect(changes).toEqual([2]);
  });

  it('reports once at start even when nothing matches (the caller decides whether to send)', () => {
    document.body.append(link('https://example.com/'));
    const { changes } = start();
    expect(changes).toEqual([0]);
  });

  it('handles links added later in one batch, looking only at the added subtrees', async () => {
    for (let i = 0; i < 50; i++) document.body.append(link(`https://example.com/${i}`));
    const { clock, changes, found, isMirrorable } = start();
    isMirrorable.mockClear();

    const list = document.createElement('ul');
    const item = document.createElement('li');
    const added = link(ORIGINAL);
    item.append(added, link('https://example.com/other'));
    list.append(item);
    document.body.append(list);
    const second = link(ORIGINAL_2);
    document.body.append(second);
    await mutations();

    expect(clock.pending).toBe(1);
    clock.run();
    expect(found).toEqual([added, second]);
    expect(changes).toEqual([0, 2]);
    // The two new candidates were looked at: not the fifty already there, nor the new
    // example.com link (the CSS pre-filter kept it from script).
    expect(isMirrorable.mock.calls).toEqual([[ORIGINAL], [ORIGINAL_2]]);
  });

  it('looks through a batch of mixed nodes: text, comments, processing instructions, links', async () => {
    const { clock, found } = start();
    const box = document.createElement('div');
    const added = link(ORIGINAL);
    document.body.append(box);
    await mutations();
    clock.run();
    box.append(
      document.createTextNode('text'),
      document.createComment('comment'),
      document.createProcessingInstruction('pi', 'data'),
      added,
    );
    await mutations();
    clock.run();
    expect(found).toEqual([added]);
  });

  it('follows href changes into and out of the mirrorable set', async () => {
    const a = link('https://example.com/');
    document.body.append(a);
    const { clock, changes, found, lost } = start();

    a.href = ORIGINAL;
    await mutations();
    clock.run();
    expect(found).toEqual([a]);

    a.href = 'https://example.com/again';
    await mutations();
    clock.run();
    expect(lost).toEqual([a]);
    expect(changes).toEqual([0, 1, 0]);
  });

  it('drops removed links from the set and tells the marker', async () => {
    const a = link(ORIGINAL);
    const wrapper = document.createElement('div');
    wrapper.append(a);
    document.body.append(wrapper, link(ORIGINAL_2));
    const { clock, changes, lost, scanner: s } = start();
    wrapper.remove();
    await mutations();
    clock.run();
    expect(changes).toEqual([2, 1]);
    expect(lost).toEqual([a]);
    expect([...s.found].map((l) => l.href)).toEqual([ORIGINAL_2]);
  });

  it('does not count a link the page removed while the first scan was still going', async () => {
    const links = Array.from({ length: SCAN_CHUNK + 1 }, () => link(ORIGINAL));
    document.body.append(...links);
    const { clock, changes } = start();
    // The first chunk is done; the last link, not yet looked at, goes away.
    links.at(-1)!.remove();
    await mutations();
    clock.run();
    clock.run();
    expect(changes).toEqual([SCAN_CHUNK]);
  });

  it('does not count a link added and removed again before its batch ran', async () => {
    const { clock, changes } = start();
    const a = link(ORIGINAL);
    document.body.append(a);
    await mutations();
    a.remove();
    await mutations();
    clock.run();
    expect(changes).toEqual([0]);
  });

  it('does not react to nodes it is told to ignore (the marker’s own elements)', async () => {
    const a = link('https://example.com/');
    document.body.append(a);
    const ours = new WeakSet<Node>();
    const { clock } = start({ ignore: (node) => ours.has(node) });
    const mark = document.createElement('span');
    ours.add(mark);
    a.append(mark);
    await mutations();
    expect(clock.pending).toBe(0);
  });

  it('tells the marker again about a found link when the page removed its mark', async () => {
    const a = link(ORIGINAL);
    const mark = document.createElement('span');
    a.append(mark);
    document.body.append(a);
    const ours = new WeakSet<Node>([mark]);
    const { clock, found, changes } = start({ ignore: (node) => ours.has(node) });
    a.textContent = 'new text'; // re-rendered children: the mark is gone
    await mutations();
    clock.run();
    expect(found).toEqual([a, a]);
    // Same set: no new report.
    expect(changes).toEqual([1]);
  });

  it('stops observing when stopped', async () => {
    const { clock, scanner: s } = start();
    s.stop();
    document.body.append(link(ORIGINAL));
    await mutations();
    expect(clock.pending).toBe(0);
  });

  it('drops work already scheduled when stopped: no stale report or find after a new scanner', async () => {
    const { clock, changes, found, scanner: s } = start();
    document.body.append(link(ORIGINAL));
    await mutations();
    expect(clock.pending).toBe(1);
    s.stop();
    clock.run();
    expect(changes).toEqual([0]);
    expect(found).toEqual([]);
  });

  it('drops the rest of a long first scan when stopped', () => {
    document.body.append(...Array.from({ length: SCAN_CHUNK + 1 }, () => link(ORIGINAL)));
    const { clock, changes, scanner: s } = start();
    s.stop();
    clock.run();
    expect(changes).toEqual([]);
  });
});

describe('candidateSelector', () => {
  it('lets through links naming a listed host before a path, and keeps every other link from script', () => {
    document.body.append(
      link(ORIGINAL),
      link('http://m.epochtimes.com/b5/21/1/11/n12681566.htm'),
      // Passes (the matcher rejects it): the selector only looks for `host/`.
      link('https://evil-epochtimes.com/gb/21/1/11/n12681566.htm'),
      link('https://epochtimes.com.evil.example/x'),
      link('https://example.com/'),
      link('/gb/21/1/11/n12681566.htm'),
    );
    const selector = candidateSelector('https://forum.example/thread/1');
    expect([...document.querySelectorAll('a')].map((a) => a.matches(selector))).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('takes every link on a page of a listed host, where relative links may be originals', () => {
    const selector = candidateSelector('https://www.epochtimes.com/gb/index.htm');
    document.body.append(link('/gb/21/1/11/n12681566.htm'), link('https://example.com/'));
    expect(document.querySelectorAll(selector)).toHaveLength(2);
  });

  it('is built from the sources given (one source of truth for hosts)', () => {
    const selector = candidateSelector('about:blank', [
      { id: 'x.example', hosts: ['X.Example'], patterns: [] },
    ]);
    expect(selector).toBe('a:is([href*="x.example/"]),area:is([href*="x.example/"])');
  });

  it('looks for hosts sharing a last label only in hrefs holding it', () => {
    const selector = candidateSelector('about:blank', [
      { id: 'a.example', hosts: ['a.example', 'b.example'], patterns: [] },
      { id: 'c.test', hosts: ['c.test', 'localhost'], patterns: [] },
    ]);
    const names =
      '[href*=".example/"]:is([href*="a.example/"],[href*="b.example/"]),' +
      '[href*="c.test/"],[href*="localhost/"]';
    expect(selector).toBe(`a:is(${names}),area:is(${names})`);
    document.body.append(
      link('https://www.b.example/1'),
      link('http://localhost/2'),
      link('https://c.test/3'),
      link('https://d.example/4'),
    );
    expect([...document.querySelectorAll('a')].map((a) => a.matches(selector))).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it('lets through every link the matcher accepts in the built-in sources, written plainly', () => {
    const originals = [
      'https://www.epochtimes.com/gb/21/1/11/n12681566.htm',
      'https://www.ntdtv.com/gb/2022/07/03/a103470752.html',
      'https://www.secretchina.com/news/gb/2022/10/26/1020087.html',
      'http://www.soundofhope.org/gb/2019/09/29/n3219520.html',
      'https://www.rfa.org/mandarin/zhuanlan/butongdeshengyin/jkdv-05312019110343.html',
      'https://www.minghui.org/mh/articles/2020/3/30/403141.html',
    ];
    document.body.append(...originals.map((url) => link(url)));
    const selector = candidateSelector('https://forum.example/');
    for (const a of document.querySelectorAll('a')) {
      expect(isMirrorableUrl(a.href), a.href).toBe(true);
      expect(a.matches(selector), a.href).toBe(true);
    }
  });
});
