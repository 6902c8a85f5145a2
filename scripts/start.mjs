#!/usr/bin/env node
/**
 * `npm start`: rebuilds the console when its sources are newer than web/dist,
 * then runs the server in the foreground, passing signals and the exit code through.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const distIndex = path.join(root, 'web', 'dist', 'index.html');
const distDir = path.join(root, 'web', 'dist');

/** Latest modification time of any file under `dir`, skipping `skip` and node_modules. */
function newestMtime(dir, skip) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (full === skip || entry.name === 'node_modules') continue;
    const mtime = entry.isDirectory() ? newestMtime(full, skip) : fs.statSync(full).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

function consoleIsStale() {
  if (!fs.existsSync(distIndex)) return true;
  const builtAt = fs.statSync(distIndex).mtimeMs;
  const sourcesAt = Math.max(newestMtime(path.join(root, 'web'), distDir), newestMtime(path.join(root, 'common'), null));
  return sourcesAt > builtAt;
}

if (consoleIsStale()) {
  process.stdout.write('Building the web console (web/dist is missing or older than its sources)...\n');
  const build = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    process.stderr.write('The web console build failed; not starting the server.\n');
    process.exit(build.status ?? 1);
  }
}

const server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { cwd: root, stdio: 'inherit' });

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (server.exitCode === null && server.signalCode === null) server.kill(signal);
  });
}

server.on('exit', (code, signal) => {
  if (signal) {
    // Re-raise so our parent sees the same cause of death.
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code ?? 1);
});
