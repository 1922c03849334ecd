/** Read-aloud controls: play / pause / stop and the speed, with a message when it cannot. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { SPEECH_RATES } from '../../core/reading/reading-settings';
import { t } from '../i18n';
import { startReading, type ReadAloud, type SpeechState } from './speech';

export interface ReadAloudProps {
  /** The elements to read, in order (title, caption, body). */
  roots(): Element[];
  script: 'hans' | 'hant';
  rate: number;
  onRate(rate: number): void;
  /** Changes to the text (a 简/繁 conversion) stop the reading. */
  textKey: unknown;
}

export function ReadAloudControls({ roots, script, rate, onRate, textKey }: ReadAloudProps) {
  const reader = useRef<ReadAloud | null>(null);
  const [state, setState] = useState<SpeechState>('idle');
  const [message, setMessage] = useState('');

  useEffect(() => () => reader.current?.stop(), []);
  useEffect(() => {
    reader.current?.stop();
    reader.current = null;
  }, [textKey, rate]);

  async function play() {
    if (!('speechSynthesis' in globalThis)) {
      setMessage(t('speechUnsupported'));
      return;
    }
    setMessage('');
    reader.current?.stop();
    reader.current = await startReading({ roots: roots(), script, rate, onState: setState });
    if (!reader.current) setMessage(t('speechNoVoice'));
  }

  return (
    <div class="reading-row" role="group" aria-label={t('readAloud')} data-testid="read-aloud">
      {/* One button whose action follows the state: focus stays on it while it changes. */}
      <button
        type="button"
        data-testid="speech-play"
        data-state={state}
        onClick={() => {
          if (state === 'idle') void play();
          else if (state === 'playing') reader.current?.pause();
          else reader.current?.resume();
        }}
      >
        {t(state === 'idle' ? 'readAloud' : state === 'playing' ? 'speechPause' : 'speechResume')}
      </button>
      <button
        type="button"
        data-testid="speech-stop"
        disabled={state === 'idle'}
        onClick={() => reader.current?.stop()}
      >
        {t('speechStop')}
      </button>
      <label class="reading-field">
        <span>{t('speechRate')}</span>
        <select
          data-testid="speech-rate"
          value={String(rate)}
          onChange={(e) => onRate(Number(e.currentTarget.value))}
        >
          {SPEECH_RATES.map((value) => (
            <option key={value} value={String(value)}>
              {`${value}×`}
            </option>
          ))}
        </select>
      </label>
      <span class="reading-status" role="status" data-testid="speech-status">
        {message}
      </span>
    </div>
  );
}
