/** Any failure on the way to an article, as the user is told about it: a message, what was tried, a way forward. */
import { ExtractError } from '../core/extract/extract-error';
import { RemoteError } from '../core/messages';
import { t } from './i18n';

export type FailureCode =
  | 'offline'
  | 'not-mirrorable'
  | 'not-found'
  | 'all-endpoints-failed'
  | 'unreadable'
  | 'no-background'
  | 'internal';

export interface Failure {
  code: FailureCode;
  message: string;
  /** One line per endpoint or mirror tried. */
  details: string[];
  retry: boolean;
}

interface AttemptJson {
  endpoint?: unknown;
  outcome?: unknown;
  status?: unknown;
}

function attemptLines(details: unknown): string[] {
  const attempts = (details as { attempts?: unknown } | undefined)?.attempts;
  if (!Array.isArray(attempts)) return [];
  return (attempts as AttemptJson[]).map((a) =>
    [a.endpoint, a.outcome, a.status]
      .filter((v) => v !== undefined)
      .map(String)
      .join(' '),
  );
}

function triedLines(details: unknown): string[] {
  const tried = (details as { tried?: unknown } | undefined)?.tried;
  if (!Array.isArray(tried)) return [];
  return (tried as { repo?: unknown; note?: unknown }[]).map(
    (m) => `${String(m.repo)}: ${String(m.note)}`,
  );
}

export function describeFailure(error: unknown, online = navigator.onLine): Failure {
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
    case 'all-endpoints-failed':
    case 'aborted':
      return {
        code: 'all-endpoints-failed',
        message: t('failAllEndpoints'),
        details: attemptLines(details),
        retry: true,
      };
    case 'no-reply':
      return { code: 'no-background', message: t('failNoBackground'), details: [], retry: true };
    default:
      if (error instanceof ExtractError) {
        return {
          code: 'unreadable',
          message: t('failUnreadable', error instanceof Error ? error.message : String(error)),
          details: [],
          retry: true,
        };
      }
      return {
        code: 'internal',
        message: t('failInternal', error instanceof Error ? error.message : String(error)),
        details: [],
        retry: true,
      };
  }
}
