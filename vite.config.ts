import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The browser app lives in web/ and is served by the Hoidja server from web/dist.
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:8080', '/clinics': 'http://localhost:8080' },
    fs: { allow: ['..'] },
  },
});
