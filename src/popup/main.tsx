import { render } from 'preact';
import '../ui/base.css';
import '../ui/article.css';
import './popup.css';
import { App } from './app';
import { setDocumentLang } from '../ui/i18n';

setDocumentLang();
const root = document.getElementById('app');
if (root) render(<App />, root);
