// The renderer's entry: pick the backend (IPC in Electron, HTTP in a browser) and mount.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { ClientContext } from './app/client-context';
import { ToastProvider } from './common/toasts';
import { pickClient } from './client/pick-client';
import './styles/index.css';

const client = pickClient();
const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

createRoot(root).render(
  <StrictMode>
    <ClientContext.Provider value={client}>
      <ToastProvider>
        <App />
      </ToastProvider>
    </ClientContext.Provider>
  </StrictMode>,
);
