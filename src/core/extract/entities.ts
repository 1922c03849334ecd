/**
 * Character references. The full HTML table has over 2,000 names; mirror pages use a handful
 * (`&nbsp;`, `&amp;`). Known names are decoded; an unknown `&name;` is kept as UNKNOWN_REF +
 * `name;` so that the serializer can hand it to the browser as written instead of escaping it.
 */

/** Marks an undecoded named reference in decoded text (a private-use character). */
export const UNKNOWN_REF = '\uE000';

// Latin-1 names, in code point order from U+00A0.
const LATIN1 =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn ' +
  'sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave ' +
  'Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ' +
  'ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN ' +
  'szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave ' +
  'iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ' +
  'ucirc uuml yacute thorn yuml';

// Other names and their code points.
const OTHERS =
  'amp 38 lt 60 gt 62 quot 34 apos 39 OElig 338 oelig 339 Scaron 352 scaron 353 Yuml 376 ' +
  'fnof 402 circ 710 tilde 732 ensp 8194 emsp 8195 thinsp 8201 zwnj 8204 zwj 8205 lrm 8206 ' +
  'rlm 8207 ndash 8211 mdash 8212 lsquo 8216 rsquo 8217 sbquo 8218 ldquo 8220 rdquo 8221 ' +
  'bdquo 8222 dagger 8224 Dagger 8225 bull 8226 hellip 8230 permil 8240 prime 8242 ' +
  'Prime 8243 lsaquo 8249 rsaquo 8250 oline 8254 frasl 8260 euro 8364 trade 8482 larr 8592 ' +
  'uarr 8593 rarr 8594 darr 8595 harr 8596 minus 8722 lowast 8727 le 8804 ge 8805 ne 8800 ' +
  'infin 8734 loz 9674 spades 9824 clubs 9827 hearts 9829 diams 9830 star 9734 check 10003 ' +
  'nbsp 160';

const NAMED = new Map<string, string>();
LATIN1.split(' ').forEach((name, i) => NAMED.set(name, String.fromCodePoint(0xa0 + i)));
const others = OTHERS.split(' ');
for (let i = 0; i + 1 < others.length; i += 2) {
  NAMED.set(others[i] ?? '', String.fromCodePoint(Number(others[i + 1])));
}

// Names browsers also accept without the semicolon (the common part of the legacy list).
const LEGACY = new Set(['amp', 'lt', 'gt', 'quot', 'nbsp', 'copy', 'reg']);

const REF = /&(?:#[xX]([0-9a-fA-F]{1,8});?|#([0-9]{1,9});?|([A-Za-z][A-Za-z0-9]{0,31})(;?))/g;

function fromCode(code: number): string {
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\uFFFD';
  return String.fromCodePoint(code);
}

/** Decodes character references; in attribute values, `&name` before `=` or alnum stays. */
export function decodeEntities(raw: string, inAttribute = false): string {
  const text = raw.includes(UNKNOWN_REF) ? raw.replaceAll(UNKNOWN_REF, '\uFFFD') : raw;
  if (!text.includes('&')) return text;
  return text.replace(
    REF,
    (whole, hex?: string, dec?: string, name?: string, semi?: string, at?: number) => {
      if (hex !== undefined) return fromCode(parseInt(hex, 16));
      if (dec !== undefined) return fromCode(Number(dec));
      if (name === undefined) return whole;
      const value = NAMED.get(name);
      if (semi === ';') return value ?? `${UNKNOWN_REF}${name};`;
      if (value === undefined || !LEGACY.has(name)) return whole;
      const next = text.charAt((at ?? 0) + whole.length);
      return inAttribute && /[=A-Za-z0-9]/.test(next) ? whole : value;
    },
  );
}

/** Turns UNKNOWN_REF markers back into the references they were, for plain-text output. */
export function plainText(decoded: string): string {
  return decoded.includes(UNKNOWN_REF) ? decoded.replaceAll(UNKNOWN_REF, '&') : decoded;
}
