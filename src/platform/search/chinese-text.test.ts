import { describe, expect, it } from 'vitest';
import { documentVector, searchQuery, segmentWords } from './chinese-text';

describe('Chinese text search', () => {
  it('segments financial terms as words', () => {
    expect(segmentWords('我的提现一直没到账')).toEqual(['我', '的', '提现', '一直', '没', '到账']);
    expect(segmentWords('账号被冻结了，无法登录')).toContain('账号');
  });

  it('indexes the sub-words of a long word at the same position', () => {
    const vector = documentVector('实名认证失败');
    expect(vector).toMatch(/'实名认证':1/);
    expect(vector).toMatch(/'认证':1/);
  });

  it('normalises full-width characters and case', () => {
    expect(segmentWords('ＡＰＰ闪退')).toEqual(['app', '闪退']);
  });

  it('turns a query into word phrases joined by AND, with quoting', () => {
    expect(searchQuery('到账')).toBe("'到账'");
    expect(searchQuery('没到账 提现')).toBe("('没' <-> '到账') & '提现'");
    expect(searchQuery("O'Brien")).toBe("('o' <-> 'brien')");
    expect(searchQuery('，。！')).toBeUndefined();
  });
});
