import { render } from 'preact';
import '../ui/base.css';
import '../ui/article.css';
import './popup.css';
import { App } from './app';
import { ensureMessages, setDocumentLang } from '../ui/i18n';

setDocumentLang();
const root = document.getElementById('app');
// Rendered once the text is there (the browser's i18n can answer nothing: see i18n.ts).
if (root) void ensureMessages().then(() => render(<App />, root));
