import { render } from 'preact';
import '../ui/base.css';
import './options.css';
import { OptionsPage } from './options-page';
import { ensureMessages, setDocumentLang } from '../ui/i18n';

setDocumentLang();
const root = document.getElementById('app');
// Rendered once the text is there (the browser's i18n can answer nothing: see i18n.ts).
if (root) void ensureMessages().then(() => render(<OptionsPage />, root));
