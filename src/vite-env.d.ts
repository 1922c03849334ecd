/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The browser this bundle is built for (vite.config.ts defines it); unset under Vitest. */
  readonly BROWSER?: 'chromium' | 'firefox';
}
