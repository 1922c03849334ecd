/** Any failure on the way to an article, as the user is told about it: a message, what was tried, a way forward. */
import { ExtractError } from '../core/extract/extract-error';
import { RemoteError } from '../core/messages';
import { t } from './i18n';

export type FailureCode =
  | 'offline'
  | 'not-mirrorable'
  | 'not-found'
  | 'all-endpoints-failed'
  | 'timeout'
  | 'unreadable'
  | 'no-background'
  | 'internal';

export interface Failure {
  code: FailureCode;
  message: string;
  /** One line per endpoint or mirror tried. */
  details: string[];
  retry: boolean;
  /** Offer the options' endpoint list: the endpoints themselves are the trouble. */
  endpoints?: boolean;
}

interface AttemptJson {
  endpoint?: unknown;
  url?: unknown;
  outcome?: unknown;
  status?: unknown;
  elapsedMs?: unknown;
  receiving?: unknown;
  problem?: unknown;
}

function seconds(ms: unknown): string {
  return String(Math.max(1, Math.round((typeof ms === 'number' ? ms : 0) / 1000)));
}

/** What one endpoint did, in the user's language. */
function whatItDid(a: AttemptJson): string {
  switch (a.outcome) {
    case 'timeout':
      return a.receiving === true
        ? t('attemptReceiving', seconds(a.elapsedMs))
        : t('attemptNoAnswer', seconds(a.elapsedMs));
    case 'http':
      return t('attemptHttp', String(a.status));
    case 'rate-limited':
      return t('attemptRateLimited');
    case 'network':
      return t('attemptNetwork');
    case 'truncated':
      return t('attemptTruncated');
    case 'aborted':
      return t('attemptAborted');
    default:
      if (a.problem === 'binary') return t('attemptBinary');
      if (a.problem === 'encoding') return t('attemptEncoding');
      return t('attemptInvalid');
  }
}

function hostOf(a: AttemptJson): string {
  try {
    return new URL(String(a.url)).host;
  } catch {
    return String(a.endpoint);
  }
}

function attemptsOf(details: unknown): AttemptJson[] {
  const attempts = (details as { attempts?: unknown } | undefined)?.attempts;
  return Array.isArray(attempts) ? (attempts as AttemptJson[]) : [];
}

function attemptLines(details: unknown): string[] {
  return attemptsOf(details).map((a) => `${hostOf(a)} — ${whatItDid(a)}`);
}

function triedLines(details: unknown): string[] {
  const tried = (details as { tried?: unknown } | undefined)?.tried;
  if (!Array.isArray(tried)) return [];
  return (tried as { repo?: unknown; note?: unknown }[]).map(
    (m) => `${String(m.repo)}: ${String(m.note)}`,
  );
}

/** A page that is no text: named for what it is, wherever it was found out. */
function unreadable(problem: unknown, reason: string): Failure | null {
  if (problem === 'binary')
    return { code: 'unreadable', message: t('failBinary'), details: [], retry: false };
  if (problem === 'encoding')
    return { code: 'unreadable', message: t('failEncoding'), details: [], retry: false };
  return reason
    ? { code: 'unreadable', message: t('failUnreadable', reason), details: [], retry: true }
    : null;
}

export function describeFailure(
  error: unknown,
  online = navigator.onLine,
  deadlineMs = 0,
): Failure {
  if (!online) return { code: 'offline', message: t('failOffline'), details: [], retry: true };
  const code =
    error instanceof RemoteError || (error instanceof Error && 'code' in error)
      ? String((error as { code: unknown }).code)
      : 'internal';
  const details = error instanceof RemoteError ? error.details : undefined;
  switch (code) {
    case 'not-mirrorable':
      return { code, message: t('failNotMirrorable'), details: [], retry: false };
    case 'not-found':
      return {
        code,
        message: t('failNotFound'),
        details: [...triedLines(details), ...attemptLines(details)],
        retry: true,
      };
    case 'timeout':
      return {
        code,
        message: t('failDeadline', seconds(deadlineMs)),
        details: attemptLines(details),
        retry: true,
        endpoints: true,
      };
    case 'all-endpoints-failed':
    case 'aborted': {
      // An endpoint that sent the file found it is no text page: that is the news.
      const problem = attemptsOf(details).find((a) => a.problem !== undefined)?.problem;
      const named = problem === undefined ? null : unreadable(problem, '');
      if (named) return { ...named, details: attemptLines(details) };
      return {
        code: 'all-endpoints-failed',
        message: t('failAllEndpoints'),
        details: attemptLines(details),
        retry: true,
        endpoints: true,
      };
    }
    case 'no-reply':
      return { code: 'no-background', message: t('failNoBackground'), details: [], retry: true };
    default:
      if (error instanceof ExtractError) {
        return unreadable(error.code, error.message) as Failure;
      }
      return {
        code: 'internal',
        message: t('failInternal', error instanceof Error ? error.message : String(error)),
        details: [],
        retry: true,
      };
  }
}
