import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, '../../bin/huiying.mjs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiying-classify-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// Classification needs no database: the environment carries nothing but PATH.
async function huiying(...args: string[]): Promise<{ json: unknown; code: number; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { env: { PATH: process.env.PATH ?? '' }, cwd: dir });
    return { json: JSON.parse(stdout), code: 0, stderr };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { json: failed.stdout ? JSON.parse(failed.stdout) : null, code: failed.code, stderr: failed.stderr };
  }
}

const fixture = [
  'text,label',
  ...['提现一直没到账', '提现三天了还没到', '申请提现后钱没到银行卡', '提现审核通过了钱没到'].map((text) => `${text},deposit_withdrawal`),
  ...['APP打开就闪退', 'APP闪退白屏', '更新后APP一直闪退', '点提现按钮APP就闪退'].map((text) => `${text},app_fault`),
].join('\n');

describe('huiying classify', () => {
  it('classifies a message with the default model, safety rule included', async () => {
    const result = await huiying('classify', '有人冒充客服，让我把钱转到安全账户');
    expect(result.code).toBe(0);
    expect(result.json).toMatchObject({ type: 'fraud_report', matchedRule: 'fraud.safe-account' });
    expect((result.json as { alternatives: unknown[] }).alternatives).toHaveLength(3);
  });

  it('classifies a message that is literally a subcommand name when given with --text', async () => {
    const result = await huiying('classify', '--text', 'eval');
    expect(result.code).toBe(0);
    expect(result.json).toMatchObject({ type: expect.any(String), confidence: expect.any(Number) });
  });

  it('asks for a message when none is given', async () => {
    const result = await huiying('classify', '   ');
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stderr)).toMatchObject({ error: { code: 'INVALID_ARGUMENT' } });
  });

  it('trains a model to a file and evaluates it', async () => {
    const data = path.join(dir, 'fixture.csv');
    const out = path.join(dir, 'model.json');
    fs.writeFileSync(data, fixture);
    const trained = await huiying('classify', 'train', '--data', data, '--out', out);
    expect(trained).toMatchObject({
      code: 0,
      json: {
        out,
        examples: 8,
        labels: ['app_fault', 'deposit_withdrawal'],
        vocabularySize: expect.any(Number),
        seconds: expect.any(Number),
      },
    });
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toMatchObject({ format: 'huiying.problem-type-model' });

    const evaluated = await huiying('classify', 'eval', '--model', out, '--data', data);
    expect(evaluated).toMatchObject({ code: 0, json: { model: out, examples: 8, accuracy: 1, macroF1: 1 } });
    expect((evaluated.json as { confusion: { labels: string[] } }).confusion.labels).toEqual(['app_fault', 'deposit_withdrawal']);
  });

  it('evaluates the default model on the shipped eval messages by default', async () => {
    const evaluated = await huiying('classify', 'eval');
    expect(evaluated.code).toBe(0);
    const json = evaluated.json as { model: string; data: string; perLabel: { label: string; recall: number }[] };
    expect(json.model).toBe('default');
    expect(json.data).toMatch(/messages-eval\.csv$/);
    expect(json.perLabel.map((score) => score.label)).toEqual(expect.arrayContaining(['suspected_theft', 'fraud_report']));
  });

  it('prints MODEL_INVALID and DATASET_INVALID envelopes for unusable files', async () => {
    const notAModel = path.join(dir, 'not-a-model.json');
    fs.writeFileSync(notAModel, '{"weights":[]}');
    const badModel = await huiying('classify', 'eval', '--model', notAModel);
    expect(badModel.code).toBe(2);
    expect(JSON.parse(badModel.stderr)).toMatchObject({ error: { code: 'MODEL_INVALID', details: { path: notAModel } } });

    const badCsv = path.join(dir, 'bad.csv');
    fs.writeFileSync(badCsv, 'message,type\nhello,other\n');
    const badData = await huiying('classify', 'train', '--data', badCsv, '--out', path.join(dir, 'never.json'));
    expect(badData.code).toBe(2);
    expect(JSON.parse(badData.stderr)).toMatchObject({ error: { code: 'DATASET_INVALID', details: { path: badCsv, line: 1 } } });
    expect(fs.existsSync(path.join(dir, 'never.json'))).toBe(false);
  });
});
