import { describe, expect, it } from 'vitest';
import { wrapLines } from '../../src/core/share/wrap-lines';

// Each character one unit wide, as CJK characters are about.
const measure = (text: string) => [...text].length;

describe('wrapLines (share card title)', () => {
  it('keeps a short title on one line', () => {
    expect(wrapLines('短标题', 10, 3, measure)).toEqual(['短标题']);
  });

  it('wraps a long title character by character', () => {
    expect(wrapLines('一二三四五六七八九十甲乙', 5, 3, measure)).toEqual([
      '一二三四五',
      '六七八九十',
      '甲乙',
    ]);
  });

  it('stops at three lines and ends the last with an ellipsis that fits', () => {
    const lines = wrapLines('一'.repeat(40), 5, 3, measure);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('一一一一…');
    for (const line of lines) expect(measure(line)).toBeLessThanOrEqual(5);
  });

  it('uses no ellipsis when the title fills exactly three lines', () => {
    expect(wrapLines('一'.repeat(15), 5, 3, measure)).toEqual([
      '一'.repeat(5),
      '一'.repeat(5),
      '一'.repeat(5),
    ]);
  });
});
