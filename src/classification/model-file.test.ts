import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../platform/errors';
import { classifyText, trainModel } from './classifier';
import { fromModelFile, readModelFile, toModelFile, writeModelFile } from './model-file';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiying-model-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const model = trainModel([
  { text: '提现一直没到账', label: 'deposit_withdrawal' },
  { text: '提现三天了还没到', label: 'deposit_withdrawal' },
  { text: 'APP打开就闪退', label: 'app_fault' },
  { text: 'APP闪退白屏', label: 'app_fault' },
]);

function reasonOf(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('MODEL_INVALID');
    return (error as AppError).details?.reason;
  }
  throw new Error('expected MODEL_INVALID');
}

describe('model file', () => {
  it('round-trips a trained model exactly', () => {
    const file = path.join(dir, 'model.json');
    writeModelFile(file, model);
    const loaded = readModelFile(file);
    expect(loaded.labels).toEqual(model.labels);
    expect(loaded.vocabulary).toEqual(model.vocabulary);
    expect(Array.from(loaded.weights)).toEqual(Array.from(model.weights));
    expect(Array.from(loaded.idf)).toEqual(Array.from(model.idf));
    expect(classifyText(loaded, '提现没到账')).toEqual(classifyText(model, '提现没到账'));
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ format: 'huiying.problem-type-model', version: 1 });
  });

  it('rejects a missing file, non-JSON and foreign JSON with MODEL_INVALID and a reason', () => {
    expect(reasonOf(() => readModelFile(path.join(dir, 'absent.json')))).toBe('file not found');
    const garbage = path.join(dir, 'garbage.json');
    fs.writeFileSync(garbage, 'text,label\n');
    expect(reasonOf(() => readModelFile(garbage))).toMatch(/^not JSON/);
    expect(reasonOf(() => fromModelFile({ name: 'some other model' }))).toMatch(/not a Huiying problem-type model/);
  });

  it('rejects a model of another version, feature set or shape', () => {
    const good = toModelFile(model);
    expect(reasonOf(() => fromModelFile({ ...good, version: 2 }))).toMatch(/unsupported version 2/);
    expect(reasonOf(() => fromModelFile({ ...good, featureSet: 'old-features' }))).toMatch(/retrain/);
    expect(reasonOf(() => fromModelFile({ ...good, labels: ['a', 'a'] }))).toBe('labels has duplicates');
    expect(reasonOf(() => fromModelFile({ ...good, idf: good.idf.slice(1) }))).toMatch(/^idf must be an array of \d+ numbers/);
    expect(reasonOf(() => fromModelFile({ ...good, weights: good.weights.slice(1) }))).toBe('weights must have one row per label');
    const broken = good.weights.map((row) => [...row]);
    (broken[0] as (number | null)[])[0] = null;
    expect(reasonOf(() => fromModelFile({ ...good, weights: broken }))).toBe('weights[0] must hold only finite numbers');
  });
});
