/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// In development the API lives behind the gateway; the built app is served by the gateway itself.
const gateway = process.env.ORCHESTRATOR_URL ?? 'http://127.0.0.1:8080';

// A plan's page needs the plan route's code before it can draw anything; the router asks for it only
// once the app's own code has been evaluated. The page's inline script starts those downloads at once
// instead: this fills in the list of the route's chunks and styles (see index.html).
// The route itself, and the tree it loads at once (it draws a preview of the tree while that loads).
const planRouteModules = ['/src/app/routes/plan.tsx', '/src/features/plans/components/task-tree/task-tree.tsx'];

function preloadPlanRoute(): Plugin {
  return {
    name: 'preload-plan-route',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const bundle = context.bundle;
        if (!bundle) return html;
        const files: string[] = [];
        const visit = (fileName: string) => {
          const chunk = bundle[fileName];
          if (!chunk || chunk.type !== 'chunk' || chunk.isEntry || files.includes(fileName)) return;
          files.push(fileName);
          for (const css of chunk.viteMetadata?.importedCss ?? []) if (!files.includes(css)) files.push(css);
          chunk.imports.forEach(visit);
        };
        for (const module of planRouteModules) {
          const chunk = Object.values(bundle).find((output) => output.type === 'chunk' && output.facadeModuleId?.endsWith(module));
          if (chunk) visit(chunk.fileName);
        }
        return html.replace('/* plan route files */ []', JSON.stringify(files.map((file) => `/${file}`)));
      },
    },
  };
}

export default defineConfig({
  plugins: [react(), preloadPlanRoute()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    proxy: { '/api': { target: gateway, changeOrigin: true } },
  },
  preview: {
    proxy: { '/api': { target: gateway, changeOrigin: true } },
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
  test: {
    globals: true,
    environment: 'jsdom',
    setupFiles: ['./src/testing/setup-tests.ts'],
    include: ['src/**/*.test.{ts,tsx}', 'eslint.config.test.ts'],
    reporters: ['default'],
    css: false,
    restoreMocks: true,
    // Generous: CI shares a 2-core machine, and user-event tests slow down a lot under load.
    testTimeout: 30_000,
  },
});
