import { describe, expect, it } from 'vitest';
import { matchSafetyRule } from './safety-rules';

const bothTypes = new Set(['suspected_theft', 'fraud_report', 'other']);
const typeOf = (text: string) => matchSafetyRule(text, bothTypes)?.type;

describe('safety rules', () => {
  it.each([
    '这几笔转账不是我操作的',
    '我QQ号和平台账号都被盗了',
    '刚收到异地登录提醒，我人一直在家',
    '登录记录里有陌生设备，型号我都没见过',
    '我的钱被人转走了，快帮我看看',
    '早上发现登录密码被改了',
    '有人用我的账号挂单卖出了股票',
    '绑定手机号已被换绑，我根本没操作过',
    '我从来没有授权过这笔提现',
    'Someone hacked my account and my balance is gone',
    'There are withdrawals that were not me',
    '我的ＡＰＰ账号被盗！！！',
  ])('flags suspected theft: %s', (text) => {
    expect(typeOf(text)).toBe('suspected_theft');
  });

  it.each([
    '客服让我把钱转到安全账户，说是为了保护资金',
    '有人冒充你们客服打电话给我',
    '对方让我下载ToDesk远程控制帮我操作退款',
    '他叫我打开屏幕共享，然后一步步指导我',
    '说退款之前要先交500保证金',
    '做刷单返利的兼职，充进去的钱提不出来了',
    '搜到一个假客服电话，差点被骗',
    '装了向日葵以后手机就被人控制了',
    '有人自称是证监会工作人员，要我配合调查',
    '他说要先充值才能解冻提现',
    'A "support agent" asked me for my 2FA code on Telegram',
    'I think this is a scam, they asked me to install AnyDesk',
  ])('flags a fraud report: %s', (text) => {
    expect(typeOf(text)).toBe('fraud_report');
  });

  it.each([
    '提现三天了还没到账',
    '登录时提示异地登录需要验证，但是短信收不到',
    '换了新手机，新设备登录要人脸识别',
    '我的可用保证金算得不对',
    '建议你们加强反诈宣传，老人容易被骗',
    '客服说是系统问题，让我等',
    '转账提示对方账户状态异常',
    'The app crashes when I open my portfolio',
  ])('stays silent on an ordinary message: %s', (text) => {
    expect(typeOf(text)).toBeUndefined();
  });

  it('decides for fraud when a message names a scam and the money it took', () => {
    const rule = matchSafetyRule('冒充客服的人让我开了屏幕共享，然后卡里的钱被转走了，不是我转的', bothTypes);
    expect(rule?.type).toBe('fraud_report');
  });

  it('applies only rules whose type the caller can assign', () => {
    expect(matchSafetyRule('我的账号被盗了', new Set(['card_arrival', 'compromised_card']))).toBeUndefined();
    expect(matchSafetyRule('有人冒充客服，我的账号被盗了', new Set(['suspected_theft']))?.id).toBe('theft.stolen');
  });
});
