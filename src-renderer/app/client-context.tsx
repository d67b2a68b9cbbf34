// The backend client for every component below the root.
import { createContext, useContext } from 'react';
import type { AppClient } from '../client/app-client';

export const ClientContext = createContext<AppClient | null>(null);

export function useClient(): AppClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient outside <ClientContext.Provider>');
  return client;
}
