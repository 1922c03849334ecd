import { render } from 'preact';
import '../ui/base.css';
import './options.css';
import { uiLocale } from '../ui/i18n';
import { OptionsPage } from './options-page';

// Screen readers pick the voice from the page's language: the UI's, not the file's default.
document.documentElement.lang = uiLocale().replace('_', '-');
const root = document.getElementById('app');
if (root) render(<OptionsPage />, root);
