import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
// The style sheets of lazily loaded screens stay in the first one, ahead of ours, where the cascade
// has always had them (styles.css overrides the keyboard's own look).
import './receipt/print.css';
import 'react-simple-keyboard/build/css/index.css';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(<StrictMode><App /></StrictMode>);
