import { defineConfig } from 'vitest/config';

// The app serves the built files from its jar (META-INF/resources); `npm run dev` proxies the API
// to a running app on :8080.
export default defineConfig({
  build: {
    outDir: 'dist',
    sourcemap: false,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080', '/actuator': 'http://127.0.0.1:8080' },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
  },
});
