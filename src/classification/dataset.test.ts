import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../platform/errors';
import { type LabelledText, parseLabelledCsv, readLabelledCsv, splitByLabel } from './dataset';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiying-dataset-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function detailsOf(work: () => unknown): Record<string, unknown> | undefined {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('DATASET_INVALID');
    return (error as AppError).details;
  }
  throw new Error('expected DATASET_INVALID');
}

describe('labelled CSV', () => {
  it('reads text,label rows with quoting, a BOM and CRLF line ends', () => {
    const csv = '\uFEFFtext,label\r\n"转账失败，提示""对方行暂停服务""",transfer_failed\r\n APP闪退 ,app_fault\r\n';
    expect(parseLabelledCsv(csv)).toEqual([
      { text: '转账失败，提示"对方行暂停服务"', label: 'transfer_failed' },
      { text: 'APP闪退', label: 'app_fault' },
    ]);
  });

  it("accepts BANKING77's text,category header and ignores extra columns", () => {
    expect(parseLabelledCsv('id,text,category\n1,card not working,card_not_working\n')).toEqual([
      { text: 'card not working', label: 'card_not_working' },
    ]);
  });

  it('reads a file and names a missing one', () => {
    const file = path.join(dir, 'ok.csv');
    fs.writeFileSync(file, 'text,label\n被盗了,suspected_theft\n');
    expect(readLabelledCsv(file)).toEqual([{ text: '被盗了', label: 'suspected_theft' }]);
    expect(detailsOf(() => readLabelledCsv(path.join(dir, 'absent.csv')))).toMatchObject({ reason: 'file not found' });
  });

  it.each([
    ['an empty file', '', { reason: expect.stringMatching(/empty file/) }],
    ['a missing label column', 'text,type\nhello,other\n', { reason: expect.stringMatching(/text and label/), line: 1 }],
    ['no header', '提现没到账,deposit_withdrawal\n', { reason: expect.stringMatching(/text and label/), line: 1 }],
    ['an empty row', 'text,label\na,other\n\nb,other\n', { reason: 'empty row', line: 3 }],
    ['an empty text', 'text,label\n  ,other\n', { reason: 'empty text', line: 2 }],
    ['an empty label', 'text,label\nhello,\n', { reason: 'empty label', line: 2 }],
    ['a wrong field count', 'text,label\nhello,other,extra\n', { reason: 'expected 2 fields, found 3', line: 2 }],
    ['an unclosed quote', 'text,label\n"hello,other\nbye,other\n', { reason: expect.stringMatching(/CSV_QUOTE_NOT_CLOSED/), line: 3 }],
    ['text after a closing quote', 'text,label\n"hello"x,other\n', { reason: expect.stringMatching(/CSV_INVALID_CLOSING_QUOTE/), line: 2 }],
  ])('rejects %s with DATASET_INVALID and says where', (_, csv, details) => {
    expect(detailsOf(() => parseLabelledCsv(csv, 'fixture.csv'))).toEqual({ path: 'fixture.csv', ...details });
  });
});

describe('fixed split', () => {
  const examples: LabelledText[] = [];
  for (const label of ['a', 'b']) for (let i = 0; i < 50; i++) examples.push({ text: `${label} message ${i}`, label });

  it('holds out the same share of every label, whatever the input order', () => {
    const { train, heldOut } = splitByLabel(examples, { fraction: 0.2, seed: 's' });
    expect(heldOut.filter((example) => example.label === 'a')).toHaveLength(10);
    expect(heldOut.filter((example) => example.label === 'b')).toHaveLength(10);
    expect(train).toHaveLength(80);
    const reversed = splitByLabel([...examples].reverse(), { fraction: 0.2, seed: 's' });
    expect(new Set(reversed.heldOut.map((example) => example.text))).toEqual(new Set(heldOut.map((example) => example.text)));
    expect(splitByLabel(examples, { fraction: 0.2, seed: 'other' }).heldOut).not.toEqual(heldOut);
  });

  it('keeps repeated texts on one side', () => {
    const withRepeats = [...examples, ...examples.slice(0, 20)];
    const { train, heldOut } = splitByLabel(withRepeats, { fraction: 0.2, seed: 's' });
    const heldOutTexts = new Set(heldOut.map((example) => example.text));
    expect(train.some((example) => heldOutTexts.has(example.text))).toBe(false);
  });
});
