/**
 * The reading settings (#14): theme, line height, column width, script and speech rate. Font
 * size stays in settings.ts, where it began. Every stored value is checked on its own, so one
 * bad value falls back to its default and keeps the rest.
 */

export const THEMES = ['system', 'light', 'sepia', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** 原文 (as published), 简 (mainland), 繁 Taiwan, 繁 Hong Kong. */
export const SCRIPTS = ['original', 'cn', 'tw', 'hk'] as const;
export type Script = (typeof SCRIPTS)[number];

/** Line height steps, unitless. */
export const LINE_HEIGHTS = [1.5, 1.8, 2.1, 2.4] as const;
/** Column widths in em: with Chinese text, about that many characters per line. */
export const CONTENT_WIDTHS = [24, 32, 40, 48] as const;
/** Speech rates offered (1 = the voice's normal speed). */
export const SPEECH_RATES = [0.75, 1, 1.25, 1.5, 2] as const;

export const readingDefaults = {
  theme: 'system' as Theme,
  lineHeight: 1.8 as number,
  contentWidth: 40 as number,
  script: 'original' as Script,
  speechRate: 1 as number,
};

export type ReadingSettings = typeof readingDefaults;

const oneOf =
  <T>(allowed: readonly T[]) =>
  (value: unknown): T | undefined =>
    allowed.includes(value as T) ? (value as T) : undefined;

/** One check per reading field (settings/schema.ts runs them with the others). */
export const readingChecks: {
  [K in keyof ReadingSettings]: (value: unknown) => ReadingSettings[K] | undefined;
} = {
  theme: oneOf(THEMES),
  lineHeight: oneOf<number>(LINE_HEIGHTS),
  contentWidth: oneOf<number>(CONTENT_WIDTHS),
  script: oneOf(SCRIPTS),
  speechRate: oneOf<number>(SPEECH_RATES),
};

export function normalizeReading(input: Record<string, unknown>): ReadingSettings {
  const out: Record<string, unknown> = { ...readingDefaults };
  for (const key of Object.keys(readingChecks) as (keyof ReadingSettings)[]) {
    const value = readingChecks[key](input[key]);
    if (value !== undefined) out[key] = value;
  }
  return out as ReadingSettings;
}

/** The next step of a stepped setting up (+1) or down (-1), clamped at the ends. */
export function stepValue(steps: readonly number[], current: number, direction: 1 | -1): number {
  const index = steps.indexOf(current);
  const from = index === -1 ? 0 : index;
  return steps[Math.min(steps.length - 1, Math.max(0, from + direction))] ?? current;
}

/** The BCP 47 tag of the text as shown: screen readers, fonts and voices follow it. */
export function langOf(script: Script, detected: 'hans' | 'hant'): string {
  if (script === 'cn') return 'zh-Hans';
  if (script === 'tw') return 'zh-Hant-TW';
  if (script === 'hk') return 'zh-Hant-HK';
  return detected === 'hans' ? 'zh-Hans' : 'zh-Hant';
}
