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
    // Takeover in many wordings: slang, outcomes, alibis, changed credentials, SIM swap, relatives, English.
    '被黑了 怎么办',
    '号没了，登录一直提示密码错误',
    '账号让人给盗了',
    '账户被入侵了',
    '号被人顶了好几次，每次都是别的城市',
    '登录提醒显示在杭州，我一直在西安',
    '安全中心显示我的登录设备有三台，其中两台不是我的',
    '刚刚有人把我账户里的ETH卖了换成USDT提走了',
    '卡在我钱包里好好的，却被刷了三千多',
    '钱被转走了一半，剩下的还在被转',
    '交易记录里有三笔ETH提币，收款地址我完全没见过',
    '我从来没开过合约，现在账户里全是合约仓位',
    '提币记录不是我',
    '运营商说我的卡昨天在别的营业厅补办过，我没去过',
    '谷歌验证器被人重置了',
    '莫名收到一条“资金密码修改成功”，紧接着就是提币',
    '老公说他没动过我的账户，可是昨天有一笔10万的银证转出',
    '我的U被转走了，转出的时间我正在飞机上',
    'Someone changed my withdrawal whitelist and sent my ETH out.',
    'My SIM got swapped last night',
    'I got a 2FA reset confirmation I never asked for.',
    "My account was accessed from Nigeria, logins from a device I don't recognise",
    '不是我本人在交易！！请停掉我账户的交易',
    '我妈的卡好好在身上，今天却被人在ATM取了三次',
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
    // Scams in many wordings: meeting apps, advance fees, credit repair, task scams, stock groups, fake sites, codes.
    '对方让我下了个腾讯会议，开了共享屏幕',
    '有人私信我说可以帮我把被冻结的U解冻，要先付500U手续费',
    '对方说可以帮我消除逾期记录，要先交2000手续费',
    '抖音上加的刷单群，后来要垫付大额才能提现',
    '被人拉进一个股票学习群，老师说明天有涨停票',
    '我在一个网站充了钱，网址和你们的很像',
    '有人说我的银行卡被盗刷了，让我把钱转到他们提供的“监管账户”',
    '一个陌生号码发短信说我的账户将被注销，要回复验证码才能保留',
    '以为是你们客服，结果对方让我转账验证',
    '接到一个自称银保监会的电话，说要帮我退钱',
    '说我操作失误成了代理商，每个月要扣费',
    '有人打着你们平台的旗号在抖音招代理',
    'A guy from a dating app taught me to trade on a site that looks like yours.',
    '对方以帮我办理大额信用卡为由，收了我三次费用',
    '群里有人说能低价代充话费，钱给了人没了',
    '同学的微信突然找我借钱，转过去才知道他号被盗了',
    'A caller asked for the SMS code to "secure" my account and I gave it.',
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
    // Boundary cases of other labels in the training data.
    '我刚把提币地址改成新钱包，账户就被限制提币24小时，地址是我自己改的',
    'My account is restricted from withdrawals after I changed my email. It was me who changed it.',
    '换了手机之后谷歌验证器没迁移过来，现在登不上了，怎么重置',
    '银行卡短信提醒服务费我没开通过，为什么扣钱',
    '成本价怎么变了，我什么都没操作',
    'USDT余额少了12个，但是没有任何交易记录，是不是算错了',
    '说我是"机器人刷单"封了账号，我都是手工操作的',
    '请问改绑实名信息需要哪些材料？原来的账号是用我爸的名字认证的',
    '能不能在app里加个官方客服号码查询，方便大家辨别真假客服',
    'Please add passkey login, it would make phishing much harder.',
    '建议在app里加点诈骗案例科普',
    '建议增加大额提现的二次确认，防止被盗后钱被转走',
    '希望提现能加个人脸验证，防止被别人操作',
    '你们和招商银行有合作吗',
    '邮箱不用了，想换一个新邮箱绑定，在哪里操作',
    '境外消费手续费收得太多了',
  ])('stays silent on an ordinary message: %s', (text) => {
    expect(typeOf(text)).toBeUndefined();
  });

  it('decides for fraud when a message names a scam and the money it took', () => {
    const rule = matchSafetyRule('冒充客服的人让我开了屏幕共享，然后卡里的钱被转走了，不是我转的', bothTypes);
    expect(rule?.type).toBe('fraud_report');
  });

  it('ignores what a suggestion would prevent, but not the same words in a report', () => {
    expect(typeOf('建议加一个大额转账的人脸确认，以免被盗后钱被转走')).toBeUndefined();
    expect(typeOf('快冻结我的账户，钱被转走了，防止继续被转')).toBe('suspected_theft');
  });

  it('applies only rules whose type the caller can assign', () => {
    expect(matchSafetyRule('我的账号被盗了', new Set(['card_arrival', 'compromised_card']))).toBeUndefined();
    expect(matchSafetyRule('有人冒充客服，我的账号被盗了', new Set(['suspected_theft']))?.id).toBe('theft.stolen');
  });
});
