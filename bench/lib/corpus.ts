/**
 * Realistic Chinese support traffic for benchmarks: what users of trading
 * and wallet platforms write, built from phrase tables with a seeded PRNG so
 * every run seeds the same data.
 */
const problems = [
  { subject: '提现一直没到账', body: '我{when}申请提现{amount}元到{bank}（尾号{tail}），到现在还没到账，页面一直显示处理中。' },
  { subject: '充值后余额没有变化', body: '{when}通过{bank}充值了{amount}元，银行已经扣款，但是账户余额没有增加。' },
  { subject: '登录收不到验证码', body: '登录的时候一直收不到短信验证码，{when}试了好几次都不行，手机号没有换过。' },
  { subject: '持仓数量和券商不一致', body: '{when}查询的持仓是{shares}股，券商APP里显示的是{shares2}股，数据没有同步过来。' },
  { subject: '盈亏数据显示错误', body: '今天的浮动盈亏显示亏损{amount}元，但是我算下来应该是盈利的，请核实数据是否有误。' },
  { subject: 'APP打开就闪退', body: '更新到最新版本以后，{device}一打开APP就闪退，已经卸载重装过了还是一样。' },
  { subject: '行情页面卡顿严重', body: '{when}开始行情页面特别卡，切换股票要等好几秒，{device}，网络是正常的。' },
  { subject: '账户被冻结无法交易', body: '我的账户{when}突然被冻结了，提示存在风险，无法交易也无法提现，请帮我解冻。' },
  { subject: '实名认证一直失败', body: '实名认证上传身份证以后一直提示认证失败，人脸识别也试过了，{when}还是不行。' },
  { subject: '转账失败但是扣款了', body: '{when}转账{amount}元失败了，但是{bank}那边已经扣款，钱到哪里去了？' },
  { subject: '手续费扣多了', body: '这个月的交易手续费比费率表上多扣了{small}元，请核实并退还。' },
  { subject: '怀疑账号被盗', body: '刚收到短信说我的账户在异地登录，还有一笔{amount}元的转账不是我操作的，请马上冻结账户！' },
  { subject: '有人冒充客服让我转账', body: '有个自称你们客服的人加我微信，说账户异常要把钱转到安全账户，这是你们的人吗？' },
  { subject: '数据延迟比交易所慢', body: '行情数据比交易所慢了差不多{small}秒，{when}特别明显，影响我下单。' },
  { subject: '投诉客服一直不回复', body: '问题反馈了{days}天都没有人处理，打电话也打不通，我要投诉，请尽快给我一个答复。' },
];

const slots: Record<string, readonly string[]> = {
  when: ['昨天下午', '今天上午', '11月20日', '前天晚上', '上周五', '刚才', '三天前', '月初'],
  bank: ['招商银行卡', '工商银行卡', '建设银行卡', '支付宝', '微信钱包', '农业银行卡', '中国银行卡'],
  device: ['iPhone 13', '华为Mate 60', '小米14', 'OPPO Reno', 'vivo X100', 'iPad'],
};

const replies = [
  '您好，已收到您的反馈，我们正在核实，预计1-3个工作日内给您答复。',
  '您好，麻烦提供一下相关截图和大概的操作时间，方便我们排查。',
  '您好，我们已向券商发起数据同步请求，同步完成后会第一时间通知您。',
  '您好，经核实该笔款项已原路退回，请注意查收。',
  '您好，为保障资金安全，已为您临时冻结账户，请尽快修改登录密码。',
  '您好，官方客服不会要求您转账到任何“安全账户”，请勿相信并及时报警。',
];

const notes = ['已转清算组核实流水', '客户情绪激动，注意安抚', '等待券商回复', '已提交技术排查，版本号已记录', '风控已确认，待解冻'];

export interface GeneratedCase {
  subject: string;
  messages: { kind: 'inbound' | 'outbound' | 'note'; text: string }[];
}

export function generateCase(random: () => number, userId: string, articleCount: number): GeneratedCase {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const problem = pick(problems);
  const fill = (template: string) =>
    template.replace(/\{(\w+)\}/g, (_, key: string) => {
      if (key === 'amount') return String(100 + Math.floor(random() * 50_000));
      if (key === 'small') return (1 + random() * 99).toFixed(1);
      if (key === 'tail') return String(1000 + Math.floor(random() * 9000));
      if (key === 'shares') return String(100 * (1 + Math.floor(random() * 50)));
      if (key === 'shares2') return String(100 * (1 + Math.floor(random() * 50)));
      if (key === 'days') return String(2 + Math.floor(random() * 10));
      return pick(slots[key] ?? ['']);
    });
  const subject = random() < 0.5 ? `【${problem.subject}+${userId}】${problem.subject}` : problem.subject;
  const messages: GeneratedCase['messages'] = [{ kind: 'inbound', text: fill(problem.body) }];
  for (let i = 1; i < articleCount; i++) {
    const roll = random();
    if (roll < 0.45) messages.push({ kind: 'outbound', text: pick(replies) });
    else if (roll < 0.65) messages.push({ kind: 'note', text: pick(notes) });
    else messages.push({ kind: 'inbound', text: fill(pick(problems).body) });
  }
  return { subject, messages };
}
