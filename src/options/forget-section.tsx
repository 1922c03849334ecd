import { useState } from 'preact/hooks';
import { send } from '../platform/messaging';
import { t } from '../ui/i18n';

type Step =
  { kind: 'idle' } | { kind: 'confirm' } | { kind: 'working' } | { kind: 'done'; text: string };

/** "Forget everything", asked twice; settings only when ticked; says how much went. */
export function ForgetSection({ onForgotten }: { onForgotten(): void }) {
  const [settingsToo, setSettingsToo] = useState(false);
  const [step, setStep] = useState<Step>({ kind: 'idle' });

  const forget = async () => {
    setStep({ kind: 'working' });
    try {
      const { removed } = await send('forgetEverything', { settings: settingsToo });
      setStep({ kind: 'done', text: t('forgetDone', String(removed)) });
      onForgotten();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      setStep({ kind: 'done', text: t('forgetFailed', reason) });
    }
  };

  return (
    <section class="forget" data-testid="forget" aria-labelledby="forget-heading">
      <h2 id="forget-heading">{t('forgetHeading')}</h2>
      <p>{t('forgetExplain')}</p>
      <label>
        <input
          type="checkbox"
          name="forgetSettings"
          checked={settingsToo}
          onChange={(e) => setSettingsToo(e.currentTarget.checked)}
        />
        {t('forgetSettingsToo')}
      </label>
      {step.kind === 'confirm' ? (
        <div class="confirm" role="alertdialog" aria-labelledby="forget-confirm">
          <p id="forget-confirm">{t('forgetConfirm')}</p>
          <button type="button" data-testid="forget-confirm" onClick={() => void forget()}>
            {t('forgetConfirmButton')}
          </button>
          <button
            type="button"
            data-testid="forget-cancel"
            onClick={() => setStep({ kind: 'idle' })}
          >
            {t('forgetCancel')}
          </button>
        </div>
      ) : (
        <button
          type="button"
          data-testid="forget-start"
          disabled={step.kind === 'working'}
          onClick={() => setStep({ kind: 'confirm' })}
        >
          {t('forgetButton')}
        </button>
      )}
      <p role="status" data-testid="forget-result">
        {step.kind === 'done' ? step.text : ''}
      </p>
      <p class="hint">{t('forgetRemnants')}</p>
    </section>
  );
}
