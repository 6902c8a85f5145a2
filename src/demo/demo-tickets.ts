import type { TicketChannel, TicketPriority } from '@common/tickets/ticket-fields';
import type { TicketStatus } from '@common/tickets/ticket-status';

export interface DemoTicket {
  group: string;
  subject: string;
  channel: TicketChannel;
  priority: TicketPriority;
  status: TicketStatus;
  isFormalComplaint?: boolean;
  tags: string[];
  customer: { platformUserId: string; name: string; email?: string; mobile?: string };
  /** Hours before seeding when the customer wrote. */
  hoursAgo: number;
  message: string;
  reply?: string;
  note?: string;
}

export const demoGroups = [
  { name: '一线客服', description: '综合咨询与首次响应 / General first-line support', isDefault: true },
  { name: '账户安全组', description: '登录、冻结、盗号与实名认证 / Account access and security' },
  { name: '资金清算组', description: '充值、提现、转账与费用 / Deposits, withdrawals, transfers, fees' },
  { name: '数据核对组', description: '余额、持仓与券商数据差异 / Balance and position discrepancies' },
  { name: '技术支持组', description: 'APP 故障、闪退与卡顿 / App faults' },
];

export const demoTickets: DemoTicket[] = [
  {
    group: '资金清算组',
    subject: '【提现未到账+U10086】提现三天了还没到账',
    channel: 'email',
    priority: 'high',
    status: 'open',
    tags: ['提现'],
    customer: { platformUserId: 'U10086', name: '王磊', email: 'wang.lei@example.com' },
    hoursAgo: 50,
    message: '您好，我在11月20日申请提现5000元到招商银行卡（尾号1234），到现在还没到账，页面一直显示“处理中”。请尽快帮我查一下，谢谢。',
    reply: '王先生您好，已收到您的反馈。我们正在与清算通道核对这笔提现的状态，预计1-3个工作日内给您答复，请您耐心等待。',
    note: '通道侧流水号已发给清算同事核对，等待银行回单。',
  },
  {
    group: '账户安全组',
    subject: '登录一直收不到短信验证码',
    channel: 'chat',
    priority: 'normal',
    status: 'new',
    tags: ['验证码'],
    customer: { platformUserId: 'U20431', name: '李娜', mobile: '13800138000' },
    hoursAgo: 3,
    message: '手机号没换，登录的时候一直收不到短信验证码，已经试了五六次了，怎么办？',
  },
  {
    group: '数据核对组',
    subject: '持仓数量和券商APP不一致',
    channel: 'portal',
    priority: 'normal',
    status: 'pending_third_party',
    tags: ['持仓', '数据同步'],
    customer: { platformUserId: 'U30877', name: '张伟', email: 'zhangwei@example.cn' },
    hoursAgo: 26,
    message: '今天查询到的持仓数量是1200股，但券商APP里显示是1500股，昨天买入的300股没有同步过来。',
    reply: '张先生您好，我们已向券商发起数据同步请求，同步完成后会第一时间通知您。',
  },
  {
    group: '技术支持组',
    subject: '更新后APP一打开就闪退',
    channel: 'chat',
    priority: 'normal',
    status: 'pending_customer',
    tags: ['闪退', 'ios'],
    customer: { platformUserId: 'U41255', name: '陈静', mobile: '13912345678' },
    hoursAgo: 8,
    message: '更新到最新版本后，iPhone 13 打开APP就闪退，已经卸载重装过了还是一样。',
    reply: '陈女士您好，麻烦提供一下您的系统版本号和闪退时的截图，方便我们定位问题。',
  },
  {
    group: '账户安全组',
    subject: '怀疑账号被盗，有一笔不是我操作的转账',
    channel: 'phone',
    priority: 'urgent',
    status: 'open',
    tags: ['盗号', '紧急冻结'],
    customer: { platformUserId: 'U50002', name: '刘洋', mobile: '13700001111' },
    hoursAgo: 1,
    message: '刚收到短信说我的账户在异地登录，还有一笔2万元的转账不是我操作的，请马上帮我冻结账户！',
    note: '来电核实身份后已提交紧急冻结申请，待风控确认。',
  },
  {
    group: '资金清算组',
    subject: '本月交易手续费多扣了',
    channel: 'email',
    priority: 'normal',
    status: 'open',
    isFormalComplaint: true,
    tags: ['手续费', '投诉'],
    customer: { platformUserId: 'U60318', name: '赵敏', email: 'zhaomin@example.com' },
    hoursAgo: 72,
    message: '本月的交易手续费比费率表上的多扣了38.5元，之前反馈过一次没有人回复，现在正式投诉，请核实并退还。',
  },
  {
    group: '一线客服',
    subject: '有人冒充客服让我转账到“安全账户”',
    channel: 'wechat',
    priority: 'high',
    status: 'new',
    tags: ['冒充客服', '反诈'],
    customer: { platformUserId: 'U70821', name: '孙丽' },
    hoursAgo: 2,
    message:
      '有个自称你们公司客服的人加我微信，说我的账户异常，需要把钱转到“安全账户”。他还要了我的银行卡号 6222 0212 3456 7890 128 和短信验证码 384912，我已经发给他了，这是你们的人吗？',
  },
  {
    group: '技术支持组',
    subject: '建议增加夜间模式',
    channel: 'portal',
    priority: 'low',
    status: 'resolved',
    tags: ['建议'],
    customer: { platformUserId: 'U80990', name: '周杰', email: 'zhoujie@example.com' },
    hoursAgo: 120,
    message: '晚上看行情屏幕太亮了，建议APP增加夜间模式。',
    reply: '感谢您的建议！夜间模式已列入下个版本的开发计划。',
  },
];
