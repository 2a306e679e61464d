/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development the API lives behind the gateway; the built app is served by the gateway itself.
const gateway = process.env.ORCHESTRATOR_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
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
    include: ['src/**/*.test.{ts,tsx}'],
    reporters: ['default'],
    css: false,
    restoreMocks: true,
    // Generous: CI shares a 2-core machine, and user-event tests slow down a lot under load.
    testTimeout: 30_000,
  },
});
