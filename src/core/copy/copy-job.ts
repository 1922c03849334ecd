/**
 * "Copy mirror link" as one job the background runs and the popup (or a small window) shows:
 * working → copied | failed, or cancelled when the user closed what showed it before the
 * lookup ended (a copy must never land silently later). Each click gets a larger sequence
 * number; only the newest job may write the clipboard.
 */

/** storage.session key of the newest job. */
export const COPY_JOB_KEY = 'copyJob';

/** The runtime port name of an open popup or window that shows the copy job. */
export const COPY_SURFACE_PORT = 'copy-surface';

/** The popup's query when it was opened to show a copy job (`?copy`; `&window` in a window). */
export const COPY_QUERY = 'copy';

export type CopyFailureCode =
  'not-mirrorable' | 'not-found' | 'unreachable' | 'clipboard' | 'internal';

export type CopyJob =
  | { seq: number; url: string; startedAt: number; state: 'working' }
  | { seq: number; url: string; startedAt: number; state: 'copied'; mirrorUrl: string }
  | { seq: number; url: string; startedAt: number; state: 'failed'; code: CopyFailureCode }
  | { seq: number; url: string; startedAt: number; state: 'cancelled' };

/** A sequence number above the last one, kept in order across worker restarts by the clock. */
export function nextSeq(last: number, now: number): number {
  return Math.max(last + 1, Math.floor(now));
}

/** The user-facing kind of a failed lookup or copy, from the typed error's code. */
export function copyFailureCode(error: unknown): CopyFailureCode {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'not-mirrorable':
    case 'not-found':
    case 'clipboard':
      return code;
    case 'all-endpoints-failed':
    case 'aborted':
    case 'timeout':
      return 'unreachable';
    default:
      return 'internal';
  }
}

const STATES = new Set(['working', 'copied', 'failed', 'cancelled']);
const CODES = new Set(['not-mirrorable', 'not-found', 'unreachable', 'clipboard', 'internal']);

/** Stored data is untrusted: a job only when every field has its type. */
export function parseCopyJob(value: unknown): CopyJob | null {
  if (typeof value !== 'object' || value === null) return null;
  const job = value as Record<string, unknown>;
  if (typeof job.seq !== 'number' || typeof job.url !== 'string') return null;
  if (typeof job.startedAt !== 'number' || !STATES.has(job.state as string)) return null;
  if (job.state === 'copied' && typeof job.mirrorUrl !== 'string') return null;
  if (job.state === 'failed' && !CODES.has(job.code as string)) return null;
  return job as unknown as CopyJob;
}
