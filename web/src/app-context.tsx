import { createContext, useContext } from 'react';
import type { ApiClient } from './api/client.js';
import type { DutiesMeta, Locale, Session } from './api/types.js';
import type { MessageKey } from './lib/i18n.js';

export interface AppState {
  api: ApiClient;
  session: Session | null;
  setSession(session: Session | null): void;
  /** Re-reads /api/auth/me. */
  refreshSession(): Promise<Session | null>;
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  meta: DutiesMeta | null;
  isOffice: boolean;
  canWrite: boolean;
}

export const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const ctx = useContext(AppContext);
  if (!ctx) throw new Error('useApp outside AppContext');
  return ctx;
}
