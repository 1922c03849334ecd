import { describe, expect, it } from 'vitest';
import {
  idDistance,
  inSpan,
  keyShape,
  probeOrder,
  rankProbes,
  shapesMatch,
  type MirrorCandidates,
} from '../../src/core/resolve/probe-order';

describe('probe order', () => {
  it('describes ids by their shape and compares shapes loosely in digit count', () => {
    expect(keyShape('n12681566')).toBe('n#8');
    expect(keyShape('jkdv-05312019110343')).toBe('jkdv-#14');
    expect(shapesMatch('n#8', 'n#7')).toBe(true);
    expect(shapesMatch('n#8', 'n#6')).toBe(false);
    expect(shapesMatch('n#8', 'a#9')).toBe(false);
    expect(shapesMatch('#6', 'n#6')).toBe(false);
  });

  it("keeps the source's list order when nothing else is known", () => {
    expect(
      probeOrder({ key: '403141', listed: ['91', '328', '81'], hits: {}, indexed: {} }),
    ).toEqual(['91', '328', '81']);
  });

  it('puts folders with earlier finds first, the most found first', () => {
    expect(
      probeOrder({
        key: '403141',
        listed: ['91', '328', '81'],
        hits: { '81': 1, '328': 3 },
        indexed: {},
      }),
    ).toEqual(['328', '81', '91']);
  });

  it('adds folders the index pages name with ids shaped like the key, after the listed ones', () => {
    const order = probeOrder({
      key: 'n12681566',
      listed: ['nsc423'],
      hits: {},
      indexed: {
        nsc424: { count: 2, shapes: ['n#8'] },
        nsc999: { count: 9, shapes: ['n#8'] },
        p1: { count: 50, shapes: ['#7'] },
        prog1138: { count: 50, shapes: ['a#9'] },
      },
    });
    expect(order).toEqual(['nsc423', 'nsc999', 'nsc424']);
  });

  it('measures how far apart two ids of one shape are in their numbering, and no further', () => {
    expect(idDistance('n12681566', 'n12681500')).toBe(66);
    expect(idDistance('403141', '403000')).toBe(141);
    expect(idDistance('403141', '403141')).toBe(0);
    expect(idDistance('403141', '7647')).toBe(Infinity);
    expect(idDistance('n12681566', 'a12681566')).toBe(Infinity);
    expect(idDistance('n1', 'nx')).toBe(Infinity);
    expect(idDistance('abc', 'abc')).toBe(Infinity);
  });

  it('tells whether a key falls inside a run of ids of its shape', () => {
    const span = { lo: '415569', hi: '419093' };
    expect(inSpan('417000', span)).toBe(true);
    expect(inSpan('415569', span)).toBe(true);
    expect(inSpan('419094', span)).toBe(false);
    expect(inSpan('400000', span)).toBe(false);
    expect(inSpan('n417000', span)).toBe(false);
    expect(inSpan('417000', { lo: '415569', hi: 'n419093' })).toBe(false);
  });
});

describe('ranking probes', () => {
  const one = (
    folders: string[],
    evidence: MirrorCandidates['evidence'] = {},
  ): MirrorCandidates => ({ folders, evidence });
  const names = (ranked: { mirror: number; folder: string }[]) =>
    ranked.map((r) => `${r.mirror}:${r.folder}`);

  it("keeps the mirrors in order, and each one's folders in order, when nothing is known", () => {
    expect(names(rankProbes('403141', [one(['a', 'b']), one(['c'])]))).toEqual([
      '0:a',
      '0:b',
      '1:c',
    ]);
  });

  it('puts first the folder whose known ids come nearest the key', () => {
    const ranked = rankProbes('410000', [
      one(['91', '328', '81'], {
        '91': { known: ['428432', '428300'] },
        '328': { known: ['409990'] },
        '81': { known: ['415047'] },
      }),
    ]);
    expect(names(ranked)).toEqual(['0:328', '0:81', '0:91']);
  });

  it('puts last a folder whose own index page lists a run around the key without it', () => {
    const ranked = rankProbes('417000', [
      one(['251', '19'], {
        // 251 lists 415569–419093, not 417000: most likely elsewhere.
        '251': { known: ['416999', '415569', '419093'], span: { lo: '415569', hi: '419093' } },
        '19': { known: ['422390'] },
      }),
    ]);
    expect(names(ranked)).toEqual(['0:19', '0:251']);
    // Listed there after all: not ruled out.
    const listed = rankProbes('417000', [
      one(['19', '251'], {
        '251': { known: ['417000'], span: { lo: '415569', hi: '419093' } },
        '19': { known: ['422390'] },
      }),
    ]);
    expect(names(listed)).toEqual(['0:251', '0:19']);
  });

  it('ranks a folder nothing is known about as a typical one, just after the median', () => {
    const ranked = rankProbes('410000', [
      one(['x', 'near', 'mid', 'far'], {
        near: { known: ['410010'] },
        mid: { known: ['410500'] },
        far: { known: ['300000'] },
      }),
    ]);
    expect(names(ranked)).toEqual(['0:near', '0:mid', '0:x', '0:far']);
  });

  it("ranks every mirror's folders together: a later mirror's folder near the key goes first", () => {
    const ranked = rankProbes('n11941536', [
      one(['nsc423', 'nsc412'], { nsc423: { known: ['n10019423'] } }),
      one(['nf4778', 'nf1148019'], {
        nf4778: { known: ['n13001364'] },
        nf1148019: { known: ['n11941925'] },
      }),
    ]);
    // nsc412, of which nothing is known, just after the median (nf4778, 1.06 million away).
    expect(names(ranked)).toEqual(['1:nf1148019', '1:nf4778', '0:nsc412', '0:nsc423']);
  });

  it('ignores known ids of another shape', () => {
    const ranked = rankProbes('403141', [
      one(['b', 'c', 'a'], {
        a: { known: ['n403141'] },
        b: { known: ['403000'] },
        c: { known: ['400000'] },
      }),
    ]);
    // a knows nothing of this source's numbering: a typical folder, not the nearest.
    expect(names(ranked)).toEqual(['0:b', '0:a', '0:c']);
  });
});
