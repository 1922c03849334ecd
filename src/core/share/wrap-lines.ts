/**
 * Breaks text into lines no wider than `maxWidth`, character by character (Chinese has no
 * spaces), at most `maxLines`; text left over ends the last line with an ellipsis.
 */
export function wrapLines(
  text: string,
  maxWidth: number,
  maxLines: number,
  measure: (text: string) => number,
): string[] {
  const lines: string[] = [];
  let line = '';
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] ?? '';
    if (line && measure(line + char) > maxWidth) {
      if (lines.length === maxLines - 1) return [...lines, ellipsize(line, maxWidth, measure)];
      lines.push(line);
      line = char.trim();
    } else line += char;
  }
  if (line) lines.push(line);
  return lines;
}

function ellipsize(line: string, maxWidth: number, measure: (text: string) => number): string {
  const chars = [...line];
  while (chars.length > 0 && measure(`${chars.join('')}…`) > maxWidth) chars.pop();
  return `${chars.join('')}…`;
}
