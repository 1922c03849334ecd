import { render } from 'preact';
import '../ui/base.css';
import '../ui/article.css';
import './reader.css';
import { ReaderPage } from './reader-page';
import { setDocumentLang } from '../ui/i18n';

setDocumentLang();
const root = document.getElementById('app');
if (root) render(<ReaderPage address={location.href} />, root);
