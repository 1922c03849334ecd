import { describe, expect, it } from 'vitest';
import { keyShape, probeOrder, shapesMatch } from '../../src/core/probe-order';

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
});
