import { normalizeForFeatures } from './text-features';

/**
 * Phrases that make a message safety-critical whatever the model says: a
 * customer reporting an account takeover (`suspected_theft`) or a scam
 * (`fraud_report`) must reach the security desk at once, so these types
 * trade some precision for recall. Patterns run on NFKC-normalised,
 * lower-cased text, so full-width and upper-case spellings match too.
 */
export interface SafetyRule {
  /** Stable name reported as `matchedRule`, e.g. `fraud.safe-account`. */
  id: string;
  type: 'suspected_theft' | 'fraud_report';
  pattern: RegExp;
  /** How sure a match makes us; the classification reports at least this. */
  confidence: number;
}

// A quoted role (“客服”, "官方") is how customers mark someone only claiming to be it.
const QUOTED_ROLE = /["“”‘’「『](客服|官方|工作人员|客户经理|导师|老师|staff|support)[^"“”‘’」』]{0,8}["“”‘’」』]/;

/**
 * Fraud rules come first and win when a message also matches a theft rule.
 * The fraud phrases name how the money left (an impersonator, a "safe
 * account", screen sharing), whereas the theft phrases (钱被转走, 异常登录)
 * describe an outcome that scam victims report in the same words. A message
 * naming the mechanism is a scam report: it needs the anti-fraud handling
 * (stop further payments, police report, warn others), and the labelled data
 * follows the same convention.
 */
export const safetyRules: readonly SafetyRule[] = [
  { id: 'fraud.safe-account', type: 'fraud_report', pattern: /安全(账户|账号|钱包|模式)|safe (wallet|account)/, confidence: 0.97 },
  {
    id: 'fraud.impersonation',
    type: 'fraud_report',
    pattern:
      /冒充|假冒|仿冒|假(的)?(客服|网站|官网|app|平台|链接|电话|短信|邮件)|(自称|声称|号称|说是|说他是|说自己是)(是)?.{0,6}(客服|官方|工作人员|员工|风控|银行|平台|证监会|监管|公安|警察|客户经理|分析师)|(以|用|打着|冒用|盗用).{0,6}(名义|logo|商标)|不是(你们|贵司|平台)的?官(网|方)|(二维码|链接|网站|网址|app|电话|号码|短信|邮件|客服|群).{0,6}是(不是)?假的|pretend(ing)? to be|claim(ing|s|ed)? to be|impersonat|fake (customer|support|service|app|site|website|number|staff)/,
    confidence: 0.95,
  },
  { id: 'fraud.quoted-role', type: 'fraud_report', pattern: QUOTED_ROLE, confidence: 0.9 },
  {
    id: 'fraud.remote-control',
    type: 'fraud_report',
    pattern:
      /远程(控制|协助|操作)|屏幕共享|共享屏幕|向日葵|todesk|anydesk|teamviewer|会议软件|screen ?shar|remote (access|control|desktop)/,
    confidence: 0.95,
  },
  {
    id: 'fraud.advance-fee',
    type: 'fraud_report',
    pattern:
      /(交|缴|缴纳|充|付).{0,4}(保证金|解冻(金|费)|激活费|税)|(退款|解冻|提现|领奖).{0,10}(保证金|解冻(金|费)|激活费)|(先|要|需要?)(交|缴|缴纳|充值?|转).{0,12}(才能|才给|才可以|解冻|激活|提现|领|放款|退款)|(追回|解除风控|提额).{0,10}(服务费|手续费|收费)|收费.{0,4}(解除|解冻|提额)|pay (a |an )?(deposit|fee) (before|to)/,
    confidence: 0.95,
  },
  {
    id: 'fraud.scam-script',
    type: 'fraud_report',
    pattern:
      /刷单.{0,4}(返|佣|兼职|任务|赚)|(兼职|任务).{0,4}刷单|返利|返佣|点赞.{0,4}(返|佣|赚)|杀猪盘|网恋|稳赚不赔|内幕(股|消息|渠道)|内部渠道|校园贷|注销.{0,4}(网贷|贷款账户)|百万保障|中奖|(不还|不处理|不注销|不配合).{0,4}(就|会)?(上|影响)征信|涉嫌(违规|洗钱|犯罪|违法).{0,20}(下载|转账|转到|配合)/,
    confidence: 0.93,
  },
  {
    id: 'fraud.code-sharing',
    type: 'fraud_report',
    pattern:
      /(让|叫|要)我.{0,12}(念|告诉|发|报|提供|给).{0,6}验证码|验证码.{0,4}(告诉|发给|念给|报给|给)(他|她|对方)|ask(ed|ing|s)? (me )?for my (2fa|otp|code|verification)/,
    confidence: 0.93,
  },
  {
    id: 'fraud.phishing-link',
    type: 'fraud_report',
    pattern: /(让|要|叫)我.{0,4}(点|登录|打开).{0,6}链接|点了.{0,8}链接|链接.{0,8}(领取?|兑换|积分|中奖|退款|提额)/,
    confidence: 0.9,
  },
  {
    id: 'fraud.transfer-to-stranger',
    type: 'fraud_report',
    pattern:
      /(转|往|向|到|给)(到|给|入)?.{0,4}(私人|个人)(账户|账号|卡|银行卡)|转到(他|她|对方)(给|提供|发)的|对方(让|要|叫)我(转|汇|充|付|下载|打开|提供|念|告诉)|(验证|证明)(资金|流水|还款能力)|资金(验证|清查)/,
    confidence: 0.9,
  },
  {
    id: 'fraud.named',
    type: 'fraud_report',
    // A warning about others being deceived (容易被骗, 防止被骗) is a suggestion, not a report.
    pattern: /(?<!容易|防止|避免|以免|防|怕)被骗|骗子|诈骗(?!提示|提醒|宣传)|骗局|钓鱼|scam|phishing|fraud/,
    confidence: 0.93,
  },

  { id: 'theft.stolen', type: 'suspected_theft', pattern: /被盗|盗号|盗刷|盗用|冒用我|hack(ed|er)|stolen|compromised/, confidence: 0.96 },
  {
    id: 'theft.not-me',
    type: 'suspected_theft',
    pattern:
      /(不是|并非|非)我(本人)?的?(操作|转|付|扣|提|买|卖|下|申请|登|改|消费|交易|干|做|授权|绑)|都不是我|是别人(干|做|操作|弄)|(我|本人)(根本|从来|从|完全|都)?(没|没有|未)有?(操作|授权|登录|转|支付|付|提|交易|卖|买|下单|申请|请求|改|换|用)(过|任何)|(没有?|未经?)(我|本人)的?(同意|授权)|我(没|没有|未)有?授权|(没有?|未)登录.{0,12}登录成功|(not|wasn'?t|weren'?t) (me|mine|by me)|(never|didn'?t|did not) (authori[sz]e|make|sign|do|request|log)|unauthori[sz]ed|i don'?t own/,
    confidence: 0.95,
  },
  {
    id: 'theft.foreign-login',
    type: 'suspected_theft',
    // A login prompt asking to verify a new location is a login problem, not an intrusion.
    pattern:
      /(异地|异常)登录(?!.{0,3}(需要?|要求|请)(验证|认证|确认))|陌生(的)?(设备|ip|地址|手机)|不认识的(设备|手机|ip)|(别的|其他|陌生)(手机|设备|电脑)上?登录|新设备登录.{0,12}(没|不是)|不同(城市|地方|地区).{0,6}(同时)?(在线|登录)|被登(录)?了/,
    confidence: 0.93,
  },
  {
    id: 'theft.someone-else',
    type: 'suspected_theft',
    pattern:
      /(有人|别人|他人|陌生人|陌生的.{0,8})(用|在|拿|知道|改|动|登).{0,6}我的?(账|号|卡|钱|密码|手机|资金|绑定|资产)|被(人|别人|他人)(登录?|操作|使用|用|动|开|改|下单|买|卖|转|绑)|谁动了我的|偷偷(用|拿|登|转)/,
    confidence: 0.92,
  },
  {
    id: 'theft.funds-taken',
    type: 'suspected_theft',
    pattern:
      /(钱|资金|资产|余额|币|存款|股票|基金|持仓|账户).{0,6}被(人|别人|他人)?.{0,8}(转走|转空|转出|转光|提走|取走|卖了|卖光|卖掉|划走|清空|赎回)|(莫名其妙|莫名|凭空)多了.{0,8}(转账|交易|成交|委托|提现|消费)|我不知道的(转账|交易|消费|成交)|drained|withdrew all|transferred out|emptied/,
    confidence: 0.93,
  },
  {
    id: 'theft.credentials-changed',
    type: 'suspected_theft',
    pattern:
      /(密码|手机号?|邮箱|绑定的?(银行卡|手机)|银行卡|提(币|现)地址)(已|被)(人|别人)?(改|修改|篡改|换|更换|换绑)|(已|被)(人)?换绑|地址已(被)?修改/,
    confidence: 0.92,
  },
];

/** The first rule the text matches (fraud before theft), among rules whose type the caller can assign. */
export function matchSafetyRule(text: string, types: ReadonlySet<string>): SafetyRule | undefined {
  const normalized = normalizeForFeatures(text);
  return safetyRules.find((rule) => types.has(rule.type) && rule.pattern.test(normalized));
}
