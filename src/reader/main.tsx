import { render } from 'preact';
import '../ui/base.css';
import '../ui/article.css';
import './reader.css';
import { ReaderPage } from './reader-page';

const root = document.getElementById('app');
if (root) render(<ReaderPage address={location.href} />, root);
