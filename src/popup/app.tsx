import { useEffect, useState } from 'preact/hooks';
import { send } from '../platform/messaging';
import { browser } from '../platform/api';
import { t } from '../ui/i18n';

type Status =
  | { kind: 'loading' }
  | { kind: 'ready'; version: string; linkCount: number | null }
  | { kind: 'error'; message: string };

export function App() {
  const [status, setStatus] = useState<Status>({ kind: 'loading' });

  useEffect(() => {
    document.title = t('popupTitle');
    void (async () => {
      try {
        const { version } = await send('ping', {});
        const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
        const linkCount =
          tab?.id === undefined ? null : (await send('tabStatus', { tabId: tab.id })).linkCount;
        setStatus({ kind: 'ready', version, linkCount });
      } catch (error) {
        setStatus({
          kind: 'error',
          message: error instanceof Error ? error.message : String(error),
        });
      }
    })();
  }, []);

  return (
    <main data-testid="popup" class="popup">
      <h1>{t('popupTitle')}</h1>
      <p data-testid="status" class="status">
        {status.kind === 'loading'
          ? '…'
          : status.kind === 'ready'
            ? t('statusConnected', status.version)
            : t('statusNoBackground', status.message)}
      </p>
      {status.kind === 'ready' && status.linkCount !== null && (
        <p data-testid="link-count">{t('linksOnPage', String(status.linkCount))}</p>
      )}
    </main>
  );
}
