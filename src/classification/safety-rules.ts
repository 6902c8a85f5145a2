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
  {
    id: 'fraud.safe-account',
    type: 'fraud_report',
    pattern: /安全(账户|账号|钱包|模式)|(监管|审查|清查|核查|保护)(账户|账号)|资金监管|safe (wallet|account)/,
    confidence: 0.97,
  },
  {
    id: 'fraud.impersonation',
    type: 'fraud_report',
    pattern:
      /冒充|假冒|仿冒|冒牌|山寨|高仿|(?<!真)假的?.{0,8}(客服|网站|官网|app|平台|链接|电话|短信|邮件|号码|微博|公众号)|(自称|声称|号称|说是|说他是|说自己是)(是)?.{0,6}(客服|官方|工作人员|员工|风控|银行|平台|证监会|银保监|金融监管|监管|人民银行|公安|警察|法院|检察院|客户经理|分析师|专员|安全部|技术部)|以为是(你们|官方|平台|银行)的?(客服|工作人员|官方|电话|人)|(以|用|打着|冒用|盗用).{0,6}(名义|logo|商标)|(用|打着|冒用|盗用)(你们|贵司|平台|官方)+的?(名字|名号|旗号|品牌)|不是(你们|贵司|平台)的?官(网|方)|(二维码|链接|网站|网址|app|电话|号码|短信|邮件|客服|群).{0,6}是(不是)?假的|(说是|称是|是)你们的?(子公司|分公司|旗下|合作方)|说(和|跟)你们有合作|有没有一个叫.{1,6}的(员工|客服|经理|专员)|这个(app|网站|网址|号码|电话|微信|群|账号|链接).{0,12}是你们的吗|(网址|网站|域名|页面|app|图标|界面).{0,8}(和|跟|与)你们的?.{0,4}(很像|一样|一模一样|差不多)|(官网|网站|页面|app).{0,4}被人?仿|(号码|电话|网址|链接|账号).{0,12}(官网|官方).{0,4}(查不到|搜不到|找不到|没有|对不上)|穿着?警服|警官证|pretend(ing)? to be|claim(ing|s|ed)? to be|impersonat|fake (customer|support|service|app|site|website|number|staff|400|hotline|link|page)|(site|app|page) that looks like yours|looks (just )?like yours|is that you\?/,
    confidence: 0.95,
  },
  { id: 'fraud.quoted-role', type: 'fraud_report', pattern: QUOTED_ROLE, confidence: 0.9 },
  {
    id: 'fraud.remote-control',
    type: 'fraud_report',
    pattern:
      /远程(控制|协助|操作)|屏幕共享|共享屏幕|开(了)?共享|向日葵|todesk|anydesk|teamviewer|会议软件|腾讯会议|云会议|视频会议|zoom|(手机|电脑).{0,6}(被(人|对方)?|不受我?)(远程)?控制|screen ?shar|shar(e|ing) (my |your )?screen|remote (access|control|desktop)/,
    confidence: 0.95,
  },
  {
    id: 'fraud.advance-fee',
    type: 'fraud_report',
    pattern:
      /(交|缴|缴纳|充|付).{0,4}(保证金|解冻(金|费)|激活费|税)|(退款|解冻|提现|领奖).{0,10}(保证金|解冻(金|费)|激活费)|(先|要|需要?)(交|缴|缴纳|充值?|转).{0,12}(才能|才给|才可以|解冻|激活|提现|领|放款|退款)|先(交|缴|付|充|转).{0,8}(手续费|服务费|会费|学费|运费|税|费用|解冻|保证金)|垫付|(追回|解除风控|提额|解冻|消除|修复).{0,10}(服务费|手续费|收费)|收费.{0,4}(解除|解冻|提额)|(激活|开通).{0,2}(退款|理赔)通道|以.{1,16}为由.{0,6}(收|要|骗|让我交|让我付)|双倍赔偿|pay (a |an )?(deposit|fee|tax) (before|to)|(tax|fee|deposit)\W{0,2} before (i|we) can/,
    confidence: 0.95,
  },
  {
    id: 'fraud.scam-script',
    type: 'fraud_report',
    pattern:
      /(?<!机器人|恶意|说我)刷单|(做|打码|点赞|进阶)任务.{0,8}(佣金|返|赚|充)|返利|返佣|每个?月返|点赞.{0,4}(返|佣|赚)|杀猪盘|网恋|婚恋|交友(软件|app|网站)|dating (app|site)|稳赚|保本高收益|内幕|内部(渠道|理财|额度|通道|名额|账号)|原始股|(炒股|荐股|股票|投资|理财|学习)群.{0,20}(老师|群主|导师|带单)|(老师|导师|群主).{0,10}(涨停|牛股|内幕|带单)|校园贷|注销.{0,4}(网贷|贷款账户)|百万保障|中奖|(修复|消除|洗白)(征信|逾期|不良)|征信(修复|洗白)|(刷|做)流水|流水不够|(说|称)我.{0,4}(开通|成了|成为|注册)了?.{0,8}(会员|代理|贷款)|(不还|不处理|不注销|不配合).{0,4}(就|会)?(上|影响)征信|涉嫌(违规|洗钱|犯罪|违法).{0,20}(下载|转账|转到|转去|配合|把钱)|扫码.{0,6}(进群|领)|(给|帮)(他|她|对方)扫码登录?|低价(代充|充值|话费)|代充|(找|向|问)我借钱/,
    confidence: 0.93,
  },
  {
    id: 'fraud.code-sharing',
    type: 'fraud_report',
    pattern:
      /(让|叫|要)(我|她|他|我妈|我爸).{0,12}(念|告诉|发|报|提供|给|回复|输).{0,8}(验证码|六位数|6位数|动态码)|验证码.{0,4}(告诉|发给|念给|报给|给|输进|输到|填进|填到)(他|她|对方)|回复验证码|(link|site|page|website|sms|email)[^.]{0,40}ask(ed|ing|s)? (me )?for my|ask(ed|ing|s)? (me )?for (my|the) (sms |email |text )?(2fa|otp|code|verification|pin)/,
    confidence: 0.93,
  },
  {
    id: 'fraud.phishing-link',
    type: 'fraud_report',
    pattern:
      /(让|要|叫)我.{0,4}(点|登录|打开).{0,6}链接|点了.{0,8}链接|链接.{0,8}(领取?|兑换|积分|中奖|退款|提额)|(让|要|叫)(我|她|他|大家)?[^。]{0,12}银行卡[^，,。]{0,2}(和|跟|及|、)[^，,。]{0,4}密码|card pin/,
    confidence: 0.9,
  },
  {
    id: 'fraud.transfer-to-stranger',
    type: 'fraud_report',
    pattern:
      /(转|往|向|到|给)(到|给|入)?.{0,4}(私人|个人)(账户|账号|卡|银行卡)|转到(他|她|对方)(给|提供|发)的|对方(让|要|叫)我(转|汇|充|付|下载|打开|提供|念|告诉)|(验证|证明)(资金|流水|还款能力|资产)|(资金|资产)(验证|清查|核查)|转账验证|验资/,
    confidence: 0.9,
  },
  {
    id: 'fraud.named',
    type: 'fraud_report',
    // A warning about others being deceived (容易被骗, 防止被骗, 诈骗案例科普, make phishing harder) is a suggestion, not a report.
    pattern:
      /(?<!容易|防止|避免|以免|防|怕)被骗|骗子|(?<!防|反|防范)诈骗(?!提示|提醒|宣传|案例|科普|知识|防范)|骗局|钓鱼|scam|(?<!anti-|anti|make |prevent |against |stop )phishing(?! (much |a lot |even )?harder)|fraud/,
    confidence: 0.93,
  },

  {
    id: 'theft.stolen',
    type: 'suspected_theft',
    // 防盗, 防止被盗: a suggestion about protection, not a report.
    pattern:
      /(?<!防|防止|以防|避免|以免|防范)(?<!(防|防止|以防|避免|以免|防范)被)盗(?!版)|被黑(?!名单)|黑客|被入侵|入侵了|中了?(木马|病毒)|((?<![信型编账帐])号|账号|帐号|账户)没了|\bbei ?(dao|hei)\b|hack(ed|er)|stolen|compromised|take ?over|sim (card )?(got |was )?swap|sim-swap/,
    confidence: 0.96,
  },
  {
    id: 'theft.not-me',
    type: 'suspected_theft',
    pattern:
      /(不是|并非|非)我(本人)?(在)?的?(操作|转|付|扣|提|买|卖|下|申请|登|改|消费|交易|干|做|授权|绑|创建|添加|设置|重置|签|发起|提交)|都不是我|(记录|交易|提现|提币|转账|登录|订单|委托|成交).{0,4}不是我|是(别人|他人|陌生人|黑客)(干|做|操作|弄|开|改|绑|登|转|提)|(我|本人)(根本|从来|从|完全|都)?(没|没有|未)有?(操作|授权|登录|转|支付|付|提|交易|卖|买|下单|申请|请求|改|换|用)(过|任何)|(没|没有|未|从没|从来没|从未)有?(添加|创建|重置|变更|签|消费|签名|修改|绑定|授权|申请|下)过|我没(有)?(做|下|操作|授权|签|添加|创建)过的|(一笔)?单都没下|(从来|从|根本)?没(在.{0,6})?(开|开通|用|玩|做|买|碰)过(合约|期权|两融|融资|期货|杠杆)|(一分(钱)?都|从来)没动过|没动过(我的)?(账户|账号|钱|卡)|没(碰|打开)过?.{0,4}(手机银行|网银|app|账户|账号)|不知情|(一笔|几笔|多笔)(提现|转账|转出|交易|消费|成交|出金|提币)[^，,。]{0,6}[，,]?我?(完全|根本|都|并)?不知道|(没有?|未经?)(我|本人)的?(同意|授权)|我(没|没有|未)有?授权|(没有?|未)登录.{0,12}登录成功|(not|wasn'?t|weren'?t) (me|mine|by me)|(never|didn'?t|did not) (authori[sz]e|make|sign|do|request|log|ask)|unauthori[sz]ed|i don'?t own|never asked for|(changed|reset|disabled|added|removed|moved|sent|transferred|withdrawn|sold|bought)[^.]{0,30}without (my )?(permission|consent|knowledge)/,
    confidence: 0.95,
  },
  {
    id: 'theft.foreign-login',
    type: 'suspected_theft',
    // A login prompt asking to verify a new location is a login problem, not an intrusion.
    pattern:
      /(异地|异常)登录(?!.{0,3}(需要?|要求|请)(验证|认证|确认))|陌生(的)?(设备|ip|地址|手机)|不认识的(设备|手机|ip)|(别的|其他|陌生)(手机|设备|电脑)上?登录|新设备登录.{0,12}(没|不是)|设备(上)?登录.{0,16}(根本没|我没(有)?(换|用|登|在)|不是我|我不认识|没有这个设备)|(登录|登陆)(记录|日志|历史|设备|提醒|通知|地点?|ip)里?.{0,24}(不是我|不认识|没见过|我用的是|我(人)?(一直|明明|当时)?在|根本没|没去过|没出过|境外|国外|外地|别的城市|都不知道)|设备.{0,12}不是我的|不同(城市|地方|地区).{0,6}(同时)?(在线|登录)|被(人)?登(录|陆)?了|被(人|别人)?顶(掉|下线|了)|logg?(ed|ing)? ?in(to my account)? from|logins? from|device i don'?t (recogni[sz]e|own|know)/,
    confidence: 0.93,
  },
  {
    id: 'theft.someone-else',
    type: 'suspected_theft',
    pattern:
      /(有人|别人|他人|陌生人|陌生的.{0,8})(正在|在)?(用|在|拿|知道|改|动|登|卖|买|转|提).{0,6}我的?(账|号|卡|钱|密码|手机|资金|绑定|资产|余额|持仓|股票|基金|理财|币|电脑|身份|信息)|(有人|别人|他人|陌生人).{0,6}(登录|登陆|登进|进入|进了)了?.{0,4}的?(账户|账号|号)|(有人|别人|他人|陌生人)(偷偷)?(融资|买入|卖出|下单|买了|卖了|转了|提了|开了|平了)|(有人|别人|他人|陌生人).{0,10}(把|将)(我|她|他)?的?.{0,10}(改|换|重置|关|转|提|卖|解绑|绑|划)|有人在(里面|我的?(账户|号)里)|偷偷(用|拿|登|转|卖|买)|登进了?我的|账号在(他|她|别人|对方)手(上|里)|被(人|别人|他人|陌生人|买家|黑客|对方)(拿去)?(登录?|操作|使用|用|动|开|改|下单|买|卖|转|绑|平|提|刷|清)|被谁(改|换|动|登|用|转|拿)|谁(动|拿|转|偷|登录?|用)了?我的|谁把我的|补办.{0,12}(我)?(没去过|不是我)|(有人|别人|被人).{0,4}补办|someone (is |was |has )?(in|using|used|logged|got into|changed|accessed|has access)|somebody (is|has|was) (using|in|logged)|has access to my account/,
    confidence: 0.92,
  },
  {
    id: 'theft.funds-taken',
    type: 'suspected_theft',
    pattern:
      /(钱|资金|资产|余额|币|存款|股票|基金|持仓|账户).{0,6}被(人|别人|他人)?.{0,8}(转走|转空|转出|转光|转移|提走|提空|取走|卖了|卖光|卖掉|划走|清空|赎回)|被(人)?.{0,4}(转走|转空|转光|转移|提走|提空|划走|取走|刷走)|被(人)?刷了|被(人|别人|他人)在.{1,8}(取|刷|转|提)了|钱.{0,4}被(人)?(转|提|划)了|被(人)?(划|转|提)(到|去|给)了?(另一个|一个|别的|陌生|不认识)|(钱|币|资产|余额|资金|(?<![a-z])(u|usdt|eth|btc)|存款|养老钱|退休金)(全|都|就|也|全部|陆续)*(少了.{0,4}[，,].{0,16}没有?(任何|做任何)?操作|没了|不见了|空了|[，,]?一个都不剩)|(密码|登录|登陆).{0,16}(资产|钱|余额|币|资金).{0,4}(少了|没了|不见了)|(收款)?(地址|收款人|设备)我?(完全|根本|从来)?没见过|(登录|登陆).{0,12}成功.{0,8}(然后|接着|紧接着|随后|就).{0,6}(出金|提现|提币|转账|转出)|(凭空|莫名其妙?|突然|账户里?|发现)多了.{0,10}(成交|委托|交易|转账|提现|提币|卖出|买入|消费|api|子账户|收款人|仓位)|我不知道的(转账|交易|消费|成交)|(登录|取现|消费|转账|转出|提现|提币|交易|扣款).{0,12}我(人)?(正|一直)?在(睡觉|上班|开车|开会|上课|国内|家|飞机上)|(手机|卡)(一直)?在(我)?(口袋|身上|手上|手里|钱包)|drained|withdrew all|transferred out|emptied|all (my )?(funds|coins|money) (are )?gone/,
    confidence: 0.93,
  },
  {
    id: 'theft.credentials-changed',
    type: 'suspected_theft',
    pattern:
      /(密码|手机号?|邮箱|绑定的?(银行卡|手机)|银行卡|提(币|现)地址)(已|被)(人|别人)?(改|修改|篡改|换|更换|换绑)|(已|被)(人)?换绑|地址已(被)?修改|(谷歌验证(器)?|二次验证|双重验证|身份验证器|2fa|google authenticator).{0,4}(已|被)(人)?(关闭|关|重置|换|解绑|改)|(密码|手机号?|邮箱|地址)(修改|变更|重置|更换|换绑)成功.{0,10}(紧接着|然后|接着|随后|之后).{0,6}(提币|提现|转账|转出|出金)/,
    confidence: 0.92,
  },
];

// A suggestion names what it would prevent (建议加二次确认，防止被盗后钱被转走): that clause reports nothing.
const SUGGESTION_OPENER =
  /^(建议|希望|能不能|能否|可否|可不可以|可以(增加|加|出)|请(增加|加)|please (add|consider)|it would be (great|nice))/;
const PREVENTION_CLAUSE = /(防止|以防|避免|以免|防范|免得|预防)[^，,。.！!？?；;]*/g;

function withoutPreventionClauses(normalized: string): string {
  return SUGGESTION_OPENER.test(normalized) ? normalized.replace(PREVENTION_CLAUSE, '') : normalized;
}

/** The first rule the text matches (fraud before theft), among rules whose type the caller can assign. */
export function matchSafetyRule(text: string, types: ReadonlySet<string>): SafetyRule | undefined {
  const normalized = withoutPreventionClauses(normalizeForFeatures(text));
  return safetyRules.find((rule) => types.has(rule.type) && rule.pattern.test(normalized));
}
