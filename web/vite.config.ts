import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The app is served by the Nest service (src/web/serve-web-app.ts) from dist/client; in `vite dev`
// the API is proxied to a running service on :3000.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/client', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // antd's "use client" markers mean nothing in a browser bundle.
      onLog(level: string, log: { code?: string }, handler: (level: string, log: unknown) => void) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
      output: {
        // Charts only load with the pages that draw them; antd is shared by every page.
        codeSplitting: {
          groups: [{ name: 'echarts', test: /node_modules[\\/](echarts|zrender)/ }],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
  },
} as never);
