import { render } from 'preact';
import '../ui/base.css';
import './welcome.css';
import { WelcomePage } from './welcome-page';

const root = document.getElementById('app');
if (root) render(<WelcomePage />, root);
