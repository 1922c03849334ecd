import { render } from 'preact';
import '../ui/base.css';
import './options.css';
import { OptionsPage } from './options-page';
import { setDocumentLang } from '../ui/i18n';

setDocumentLang();
const root = document.getElementById('app');
if (root) render(<OptionsPage />, root);
