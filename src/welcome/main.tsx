import { render } from 'preact';
import { ensureMessages } from '../ui/i18n';
import '../ui/base.css';
import './welcome.css';
import { WelcomePage } from './welcome-page';

const root = document.getElementById('app');
// Rendered once the text is there (the browser's i18n can answer nothing: see i18n.ts).
if (root) void ensureMessages().then(() => render(<WelcomePage />, root));
