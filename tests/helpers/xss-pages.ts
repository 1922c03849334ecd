/** What the XSS fixture pages (tests/fixtures/xss) must still show around their payloads. */

/** The sentences a page puts around its payloads: each `【载荷 N】` line, the first and last. */
export function sentencesAround(text: string): string[] {
  return [
    // The label and its words up to the first markup or URL character.
    ...[...text.matchAll(/【载荷 \d+】[^\n<[(!*`"'=:]*/g)].map((m) => m[0].trim()),
    ...['这是安全测试页面，下面每一段都带有一个攻击载荷。', '测试页面到此结束。'].filter((s) =>
      text.includes(s),
    ),
  ];
}

/** The title as the page's `###` line says it, without the markup a payload put there. */
export function titleOf(text: string): string {
  const line = /^### (.*)$/m.exec(text)?.[1] ?? '';
  return line.replace(/<[^>]*>/g, '').trim();
}
