import { describe, expect, it } from 'vitest';
import { textFeatures } from './text-features';

describe('text features', () => {
  it('normalises full-width letters and digits and collapses numbers to one class token', () => {
    const fullWidth = textFeatures('ＡＰＰ转账５０００元失败');
    expect(fullWidth).toEqual(textFeatures('app转账5000元失败'));
    expect(fullWidth.get('w:app')).toBe(1);
    expect(fullWidth.get('w:#')).toBe(1);
    expect([...fullWidth.keys()].some((term) => /\d/.test(term))).toBe(false);
  });

  it('gives Chinese jieba words, single characters and character bigrams', () => {
    const terms = textFeatures('提现没到账');
    expect(terms.get('w:提现')).toBe(1);
    expect(terms.get('w:到账')).toBe(1);
    expect(terms.get('u:提')).toBe(1);
    expect(terms.get('b:现没')).toBe(1);
    expect(terms.get('b:^提')).toBe(1);
    expect(terms.get('b:账$')).toBe(1);
  });

  it('gives English words, word pairs and character n-grams inside words, lower-cased', () => {
    const terms = textFeatures('Card Declined');
    expect(terms.get('w:card')).toBe(1);
    expect(terms.get('p:card declined')).toBe(1);
    expect(terms.get('c:<ca')).toBe(1);
    expect(terms.get('c:lined')).toBe(1);
    expect(terms.get('c:d>')).toBeUndefined();
  });

  it('keeps the scripts of a mixed message apart and pairs only neighbouring Latin words', () => {
    const terms = textFeatures('withdraw 不到账 KYC 失败 again');
    expect(terms.get('w:withdraw')).toBe(1);
    expect(terms.get('w:kyc')).toBe(1);
    expect(terms.get('w:失败')).toBe(1);
    expect(terms.get('b:到账')).toBe(1);
    expect(terms.has('p:withdraw kyc')).toBe(false);
    expect(terms.has('p:kyc again')).toBe(false);
  });

  it('counts repeats and yields nothing for punctuation only', () => {
    expect(textFeatures('盗号盗号').get('b:盗号')).toBe(2);
    expect(textFeatures('！！！？？…').size).toBe(0);
  });
});
