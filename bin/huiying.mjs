#!/usr/bin/env node
// Runs the TypeScript CLI in place (no build step), with the project's tsconfig wherever it is called from.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('../src/server/cli.ts');
