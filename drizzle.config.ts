import { defineConfig } from 'drizzle-kit';

// Only for generating migrations (`npm run db:generate`); the app applies them itself.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/**/*.table.ts'],
  out: './src/migrations',
});
