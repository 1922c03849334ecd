/**
 * The privacy choices, each with its one-line explanation: one component for the options
 * page and the welcome page, so both show the same words and change the same settings.
 */
import { IMAGES, type ImagesMode, type Settings } from '../core/settings/schema';
import { t, type MessageKey } from './i18n';
import './choices.css';

type Flag = 'markLinks' | 'keepLibrary' | 'privateReading';

const FLAGS: readonly { name: Flag; label: MessageKey; help: MessageKey }[] = [
  // Marks are the one choice a web page can observe: the line says so (#17).
  { name: 'markLinks', label: 'settingMarkLinks', help: 'settingMarksHint' },
  { name: 'keepLibrary', label: 'settingKeepLibrary', help: 'settingKeepLibraryHelp' },
  { name: 'privateReading', label: 'settingPrivateReading', help: 'settingPrivateReadingHint' },
];

const IMAGE_LABELS: Record<ImagesMode, MessageKey> = {
  always: 'imagesAlways',
  click: 'imagesClick',
  never: 'imagesNever',
};

export function PrivacyChoices({
  settings,
  save,
}: {
  settings: Settings;
  save(patch: Partial<Settings>): void;
}) {
  return (
    <div class="choices" data-testid="privacy-choices">
      {FLAGS.map(({ name, label, help }) => (
        <div class="choice" key={name}>
          <label>
            <input
              type="checkbox"
              name={name}
              aria-describedby={`${name}-help`}
              checked={settings[name]}
              onChange={(e) => save({ [name]: e.currentTarget.checked })}
            />
            {t(label)}
          </label>
          <p class="choice-help" id={`${name}-help`}>
            {t(help)}
          </p>
        </div>
      ))}
      <div class="choice">
        <label>
          {t('settingImages')}
          <select
            name="images"
            aria-describedby="images-help"
            value={settings.images}
            onChange={(e) => save({ images: e.currentTarget.value as ImagesMode })}
          >
            {IMAGES.map((value) => (
              <option value={value} key={value}>
                {t(IMAGE_LABELS[value])}
              </option>
            ))}
          </select>
        </label>
        <p class="choice-help" id="images-help">
          {t('settingImagesHelp')}
        </p>
      </div>
    </div>
  );
}
