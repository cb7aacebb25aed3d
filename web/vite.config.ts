import { defineConfig } from 'vite';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface OutputChunk {
  type: 'chunk';
  fileName: string;
  imports: string[];
  facadeModuleId: string | null;
  moduleIds: string[];
}

const REPO = fileURLToPath(new URL('..', import.meta.url));
/** Where the build lists the service's files it took in (scripts/build.mjs rebuilds the app when one changes). */
const SOURCES_LIST = fileURLToPath(new URL('../dist/.web-sources.json', import.meta.url));

/**
 * The app imports a few of the service's modules as they are (label catalogues, date helpers):
 * their paths are written down, so a change to one of them makes the built app stale as a change
 * under web/ does.
 */
function listServiceSources() {
  return {
    name: 'luoshi-list-service-sources',
    generateBundle(_options: unknown, bundle: Record<string, { type: string }>) {
      const files = new Set<string>();
      for (const chunk of Object.values(bundle))
        if (chunk.type === 'chunk')
          for (const id of (chunk as OutputChunk).moduleIds)
            if (id.startsWith(`${REPO}src/`)) files.add(id.slice(REPO.length));
      mkdirSync(fileURLToPath(new URL('../dist/', import.meta.url)), { recursive: true });
      writeFileSync(SOURCES_LIST, JSON.stringify([...files].sort(), null, 1));
    },
  };
}

/**
 * The page's entry (src/early.ts) loads the app with a dynamic import, which Vite preloads only
 * once the entry runs — after the stylesheet has arrived. Listing the app's chunks as
 * modulepreload links in index.html lets the browser fetch and compile them from the first
 * moment, beside the stylesheet.
 */
function preloadApp(entry: string) {
  return {
    name: 'luoshi-preload-app',
    transformIndexHtml: {
      order: 'post' as const,
      handler(_html: string, ctx: { bundle?: Record<string, { type: string }> }) {
        if (!ctx.bundle) return [];
        const chunks = Object.values(ctx.bundle).filter((c): c is OutputChunk => c.type === 'chunk');
        const app = chunks.find((c) => c.facadeModuleId?.endsWith(entry));
        if (!app) throw new Error(`preloadApp: no chunk for ${entry}`);
        const files = new Set<string>();
        const visit = (file: string) => {
          if (files.has(file)) return;
          files.add(file);
          for (const dep of chunks.find((c) => c.fileName === file)?.imports ?? []) visit(dep);
        };
        visit(app.fileName);
        return [...files].map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

// The app is served by the Nest service (src/web/serve-web-app.ts) from dist/client; in `vite dev`
// the API is proxied to a running service on :3000.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  plugins: [preloadApp('/src/main.tsx'), listServiceSources()],
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
        // Charts only load with the pages that draw them (the dashboard's come drawn: only ECharts'
        // small SSR client, outside this chunk); antd is shared by every page.
        codeSplitting: {
          groups: [{ name: 'echarts', test: /node_modules[\\/](echarts(?![\\/]ssr)|zrender)/ }],
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
