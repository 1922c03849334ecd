/**
 * The endpoints in the user's order, each on or off, with what the extension measured of it
 * and a "test now" that fetches one known page through it alone and records what it measured
 * as a real fetch does (endpoint-test.ts).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  createEndpointHealth,
  medianLatency,
  type EndpointStats,
} from '../core/fetch/endpoint-health';
import { TEST_PAGE, testEndpoint } from '../core/fetch/endpoint-test';
import { endpointUrl, type EndpointId } from '../core/fetch/endpoints';
import { cacheStore } from '../platform/cache-db';
import { toggleInList } from '../platform/settings-store';
import { t, uiLocale } from '../ui/i18n';
import type { SettingsApi } from './use-settings';

type Stats = Partial<Record<EndpointId, EndpointStats>>;

async function runTest(endpoint: EndpointId): Promise<string> {
  const result = await testEndpoint(
    {
      fetch: (url, init) =>
        fetch(url, { signal: init.signal, credentials: 'omit', cache: 'no-store' }),
      store: cacheStore,
      now: Date.now,
    },
    endpoint,
  );
  return result.ok ? t('endpointTestOk', String(result.ms)) : t('endpointTestFailed', result.error);
}

const host = (id: EndpointId) => new URL(endpointUrl(id, TEST_PAGE)).host;

export function EndpointsSection({ api }: { api: SettingsApi }) {
  const [stats, setStats] = useState<Stats>({});
  const [tests, setTests] = useState<Partial<Record<EndpointId, string>>>({});
  // Moves made before the saved order comes back build on each other, not on a stale render.
  const pending = useRef<EndpointId[] | null>(null);
  const load = () =>
    void createEndpointHealth(cacheStore, Date.now)
      .snapshot()
      .then(setStats, () => setStats({}));
  useEffect(load, []);
  const { settings } = api;
  if (!settings) return null;
  const order = settings.endpointOrder;

  const move = (id: EndpointId, by: -1 | 1) => {
    const next = [...(pending.current ?? order)];
    const index = next.indexOf(id);
    if (index + by < 0 || index + by >= next.length) return;
    const [item] = next.splice(index, 1);
    if (item) next.splice(index + by, 0, item);
    pending.current = next;
    void api.save({ endpointOrder: next }).then(() => {
      if (pending.current === next) pending.current = null;
    });
  };
  const date = (at: number) => new Date(at).toLocaleString(uiLocale().replace('_', '-'));

  return (
    <section id="endpoints" aria-labelledby="endpoints-heading" data-testid="endpoints">
      <h2 id="endpoints-heading">{t('sectionEndpoints')}</h2>
      <p class="hint">{t('endpointsHint')}</p>
      <ol class="endpoint-list">
        {order.map((id, index) => {
          const entry = stats[id];
          const median = medianLatency(entry);
          return (
            <li key={id} data-testid={`endpoint-${id}`}>
              <label>
                <input
                  type="checkbox"
                  checked={!settings.disabledEndpoints.includes(id)}
                  onChange={(e) =>
                    void api.apply(toggleInList('disabledEndpoints', id, !e.currentTarget.checked))
                  }
                />
                {host(id)}
              </label>
              <span class="endpoint-moves">
                <button
                  type="button"
                  aria-label={t('endpointUp', host(id))}
                  disabled={index === 0}
                  onClick={() => move(id, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  aria-label={t('endpointDown', host(id))}
                  disabled={index === order.length - 1}
                  onClick={() => move(id, 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  data-testid={`endpoint-test-${id}`}
                  onClick={() => {
                    setTests({ ...tests, [id]: t('endpointTesting') });
                    void runTest(id).then((text) => {
                      setTests((now) => ({ ...now, [id]: text }));
                      load();
                    });
                  }}
                >
                  {t('endpointTest')}
                </button>
              </span>
              <p class="hint" data-testid={`endpoint-stats-${id}`}>
                {entry?.lastSuccessAt
                  ? t('endpointLastSuccess', date(entry.lastSuccessAt))
                  : t('endpointNever')}
                {' · '}
                {median === null
                  ? t('endpointNoLatency')
                  : t('endpointMedian', String(Math.round(median)))}
                {' · '}
                {t('endpointFailures', (entry?.failures ?? 0).toFixed(1))}
              </p>
              {tests[id] && (
                <p role="status" data-testid={`endpoint-test-result-${id}`}>
                  {tests[id]}
                </p>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
