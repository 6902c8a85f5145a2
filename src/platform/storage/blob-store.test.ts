import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { stageStream } from './blob-store';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiying-stage-'));
  dirs.push(dir);
  return dir;
}

describe('staging an upload', () => {
  it('leaves no file behind when the upload fails before its temp file is even open', async () => {
    const dir = tempDir();
    for (let i = 0; i < 20; i++) {
      const failing = new Readable({
        read() {
          this.destroy(new Error('connection reset'));
        },
      });
      await expect(stageStream(failing, dir, 1_000)).rejects.toThrow('connection reset');
      expect(fs.readdirSync(dir)).toEqual([]);
    }
  });

  it('leaves no file behind when the upload is cut off half-way', async () => {
    const dir = tempDir();
    const chunks = [Buffer.alloc(16_384, 1), Buffer.alloc(16_384, 2)];
    const cutOff = new Readable({
      read() {
        const chunk = chunks.shift();
        if (chunk) this.push(chunk);
        else this.destroy(new Error('unexpected end of form'));
      },
    });
    await expect(stageStream(cutOff, dir, 1_000_000)).rejects.toThrow('unexpected end of form');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('hashes and measures a complete upload, and flags one over the limit', async () => {
    const dir = tempDir();
    const staged = await stageStream(Readable.from([Buffer.from('提现截图')]), dir, 1_000);
    expect(staged).toMatchObject({ size: 12, truncated: false });
    expect(staged.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.readFileSync(staged.tempPath, 'utf8')).toBe('提现截图');
    const over = await stageStream(Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), dir, 1_000);
    expect(over).toMatchObject({ size: 600, truncated: true });
  });
});
