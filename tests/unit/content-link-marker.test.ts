// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLinkMarker } from '../../src/content/link-marker';

const ORIGINAL = 'https://www.epochtimes.com/gb/21/1/11/n12681566.htm';

// The marker's shadow roots are closed; keep a handle on them to look inside.
const roots = new Map<Element, ShadowRoot>();
const attachShadow = Element.prototype.attachShadow;
beforeEach(() => {
  vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (
    this: Element,
    init: ShadowRootInit,
  ) {
    const root = attachShadow.call(this, init);
    roots.set(this, root);
    return root;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  roots.clear();
  document.body.replaceChildren();
});

/** A visibility watch the test drives: `flush` reports every watched element as visible. */
function setup() {
  const watched = new Set<Element>();
  let show: ((elements: readonly Element[]) => void) | undefined;
  const opened: HTMLAnchorElement[] = [];
  const titles = vi.fn(() => 'Open in reader');
  const marker = createLinkMarker(document, {
    title: titles,
    onOpen: (link) => opened.push(link),
    watch: (callback) => {
      show = callback;
      return { observe: (e) => void watched.add(e), unobserve: (e) => void watched.delete(e) };
    },
  });
  const flush = () => show?.([...watched]);
  const tasks = watched;
  const a = document.createElement('a');
  a.href = ORIGINAL;
  a.textContent = 'Article';
  document.body.append(a);
  return { marker, tasks, flush, opened, a, titles };
}

describe('createLinkMarker', () => {
  it('adds nothing to the document until a first link is marked', () => {
    const { marker, a } = setup();
    const before = document.documentElement.outerHTML;
    marker.unmark(a);
    expect(document.documentElement.outerHTML).toBe(before);
    expect(roots.size).toBe(0);
  });

  it('puts a dot on links once they come near the viewport, one host inside each link', () => {
    const { marker, tasks, flush, a } = setup();
    const b = a.cloneNode(true) as HTMLAnchorElement;
    document.body.append(b);
    marker.mark(a);
    marker.mark(b);
    marker.mark(a);
    expect(tasks.size).toBe(2);
    expect(a.childNodes).toHaveLength(1);
    flush();
    expect(tasks.size).toBe(0);
    expect(a.lastChild).toBeInstanceOf(HTMLSpanElement);
    expect(b.lastChild).toBeInstanceOf(HTMLSpanElement);
    expect(a.querySelectorAll('span')).toHaveLength(1);
  });

  it('gives no dot to a link that never comes into view, and stops watching unmarked links', () => {
    const { marker, tasks, a } = setup();
    const hidden = a.cloneNode(true) as HTMLAnchorElement;
    document.body.append(hidden);
    marker.mark(a);
    marker.mark(hidden);
    marker.unmark(a);
    expect([...tasks]).toEqual([hidden]);
    expect([a.childNodes.length, hidden.childNodes.length]).toEqual([1, 1]);
  });

  it('leaves the link text alone and keeps its insides closed to the page', () => {
    const { marker, flush, a } = setup();
    marker.mark(a);
    flush();
    const host = a.lastChild as HTMLElement;
    expect(a.textContent).toBe('Article');
    expect(host.childNodes).toHaveLength(0);
    expect(host.shadowRoot).toBeNull();
    expect(marker.owns(host)).toBe(true);
    expect(marker.owns(a)).toBe(false);
  });

  it('styles the host as out of flow and important, so the page layout and styles do not apply', () => {
    const { marker, flush, a } = setup();
    marker.mark(a);
    flush();
    const root = roots.get(a.lastChild as Element)!;
    // jsdom has no constructable stylesheets: the fallback <style> carries the same rules.
    const css =
      root.adoptedStyleSheets?.[0]?.cssRules[0]?.cssText ??
      root.querySelector('style')?.textContent ??
      '';
    expect(css).toMatch(/:host\s*\{[^}]*all:\s*initial\s*!important/);
    expect(css).toMatch(/position:\s*absolute\s*!important/);
    const dot = root.querySelector('i')!;
    expect(dot.getAttribute('aria-hidden')).toBe('true');
  });

  it('asks for the tooltip only when the pointer first reaches a dot', () => {
    const { marker, flush, a, titles } = setup();
    marker.mark(a);
    flush();
    const dot = roots.get(a.lastChild as Element)!.querySelector('i')!;
    expect(dot.title).toBe('');
    dot.dispatchEvent(new MouseEvent('pointerover', { bubbles: true, composed: true }));
    dot.dispatchEvent(new MouseEvent('pointerover', { bubbles: true, composed: true }));
    expect(dot.title).toBe('Open in reader');
    expect(titles).toHaveBeenCalledTimes(1);
  });

  it('cancels a click on the dot so the link does not navigate, and the page does not hear it', () => {
    const { marker, flush, a, opened } = setup();
    marker.mark(a);
    flush();
    const pageHeard = vi.fn();
    a.addEventListener('click', pageHeard);
    document.addEventListener('mousedown', pageHeard);
    const dot = roots.get(a.lastChild as Element)!.querySelector('i')!;
    for (const type of ['mousedown', 'click']) {
      const event = new MouseEvent(type, { bubbles: true, cancelable: true, composed: true });
      dot.dispatchEvent(event);
      expect(event.defaultPrevented).toBe(true);
    }
    expect(pageHeard).not.toHaveBeenCalled();
    // A synthetic click (a page script) is not the user's: nothing opens.
    expect(opened).toEqual([]);
  });

  it('lets clicks on the link itself through', () => {
    const { marker, flush, a } = setup();
    marker.mark(a);
    flush();
    const event = new MouseEvent('click', { bubbles: true, cancelable: true });
    const heard = vi.fn();
    a.addEventListener('click', (e) => {
      heard();
      e.preventDefault(); // jsdom would try to navigate
    });
    a.dispatchEvent(event);
    expect(heard).toHaveBeenCalledOnce();
  });

  it('removes the mark on unmark and puts it back when marked again or removed by the page', () => {
    const { marker, flush, a } = setup();
    marker.mark(a);
    flush();
    const host = a.lastChild;
    marker.unmark(a);
    expect(a.textContent).toBe('Article');
    expect(a.childNodes).toHaveLength(1);
    marker.mark(a);
    flush();
    expect(a.lastChild).toBe(host);
    a.textContent = 'Re-rendered';
    marker.mark(a);
    flush();
    expect(a.lastChild).toBe(host);
  });

  it('does not mark <area> links (no box to put a dot on) or links gone before the write', () => {
    const { marker, tasks, flush, a } = setup();
    const area = document.createElement('area');
    area.href = ORIGINAL;
    document.body.append(area);
    marker.mark(area);
    expect(tasks.size).toBe(0);
    marker.mark(a);
    a.remove();
    flush();
    expect(a.childNodes).toHaveLength(1);
  });
});
