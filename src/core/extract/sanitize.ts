/**
 * The last word on what the body may hold: DOMPurify with an explicit allowlist, run in the
 * DOM of the window given (popup, reader, offscreen document, a jsdom window in Node; the
 * service worker has none). render-body.ts already writes only these tags and attributes;
 * this pass makes that a guarantee rather than a property of our own code.
 */
import createDOMPurify, { type Config, type DOMPurify, type WindowLike } from 'dompurify';
import { ExtractError } from './extract-error';

export type SanitizeWindow = WindowLike;

export const ALLOWED_TAGS = [
  'p',
  'br',
  'hr',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'strong',
  'em',
  'u',
  's',
  'sub',
  'sup',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'figure',
  'figcaption',
  'img',
  'a',
  'audio',
  'source',
];

export const ALLOWED_ATTR = [
  'href',
  'target',
  'rel',
  'data-mirror-reader',
  'src',
  'alt',
  'loading',
  'referrerpolicy',
  'controls',
  'preload',
  'type',
];

const HTTP = /^\s*https?:\/\//i;

const CONFIG: Config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  // Links and media over http(s) only: no javascript:, data:, blob:, mailto:, relative URLs.
  ALLOWED_URI_REGEXP: HTTP,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ADD_DATA_URI_TAGS: [],
  // Attributes that hold no URL: DOMPurify would test their values against the URL pattern.
  ADD_URI_SAFE_ATTR: [
    'data-mirror-reader',
    'target',
    'rel',
    'loading',
    'referrerpolicy',
    'preload',
    'type',
  ],
  // Redundant with the allowlist; listed so that a change to it cannot let these in.
  FORBID_TAGS: [
    'script',
    'style',
    'iframe',
    'frame',
    'frameset',
    'object',
    'embed',
    'applet',
    'form',
    'input',
    'button',
    'select',
    'textarea',
    'base',
    'meta',
    'link',
    'svg',
    'math',
    'template',
    'noscript',
  ],
  FORBID_ATTR: [
    'style',
    'srcset',
    'srcdoc',
    'action',
    'formaction',
    'xlink:href',
    'ping',
    'poster',
  ],
  KEEP_CONTENT: true,
};

/** Attributes that mean something only on some elements. */
const ONLY_ON: Record<string, string[]> = {
  target: ['A'],
  rel: ['A'],
  'data-mirror-reader': ['A'],
  href: ['A'],
  src: ['IMG', 'AUDIO', 'SOURCE'],
  alt: ['IMG'],
  loading: ['IMG'],
  referrerpolicy: ['IMG'],
  controls: ['AUDIO'],
  preload: ['AUDIO'],
  type: ['SOURCE'],
};

function harden(purify: DOMPurify): void {
  purify.addHook('uponSanitizeAttribute', (node, data) => {
    if (!ONLY_ON[data.attrName]?.includes(node.nodeName)) data.keepAttr = false;
    // DOMPurify lets `data:` through on img, audio and source whatever ALLOWED_URI_REGEXP says.
    if ((data.attrName === 'src' || data.attrName === 'href') && !HTTP.test(data.attrValue)) {
      data.keepAttr = false;
    }
  });
  purify.addHook('afterSanitizeAttributes', (node) => {
    const el = node as Element;
    switch (node.nodeName) {
      case 'A':
        if (el.getAttribute('data-mirror-reader') === 'reader' && el.hasAttribute('href')) {
          el.removeAttribute('target');
          el.removeAttribute('rel');
        } else {
          el.removeAttribute('data-mirror-reader');
          if (el.hasAttribute('href')) {
            el.setAttribute('target', '_blank');
            el.setAttribute('rel', 'noopener noreferrer');
          } else {
            el.removeAttribute('target');
            el.removeAttribute('rel');
          }
        }
        break;
      case 'IMG':
        el.setAttribute('loading', 'lazy');
        el.setAttribute('referrerpolicy', 'no-referrer');
        break;
      case 'AUDIO':
        el.setAttribute('controls', '');
        el.setAttribute('preload', 'none');
        break;
    }
  });
}

const instances = new WeakMap<object, DOMPurify>();

function purifierFor(win: SanitizeWindow): DOMPurify {
  let purify = instances.get(win);
  if (!purify) {
    purify = createDOMPurify(win);
    if (!purify.isSupported) {
      throw new ExtractError('no-dom', 'cannot sanitize: the window given has no usable DOM');
    }
    harden(purify);
    // Set once: a config given with each call is parsed again each time.
    purify.setConfig(CONFIG);
    instances.set(win, purify);
  }
  return purify;
}

/** Sanitizes an HTML fragment with the allowlist above, in `win`'s DOM. */
export function sanitizeHtml(html: string, win: SanitizeWindow): string {
  return purifierFor(win).sanitize(html);
}
