/** Where a customer with this kind of problem is best served. */
export const recommendedChannels = ['chat', 'phone', 'email', 'portal', 'wechat'] as const;
export type RecommendedChannel = (typeof recommendedChannels)[number];

/** The family of processing-time promise a problem type falls under; the SLA module turns it into deadlines. */
export const slaClasses = ['emergency', 'technical', 'data_sync', 'identity', 'dispute', 'general'] as const;
export type SlaClass = (typeof slaClasses)[number];

/** The processing time a platform promises its users for each SLA family, in their words. */
export const slaClassPromises: Record<SlaClass, { 'zh-CN': string; en: string }> = {
  emergency: { 'zh-CN': '7×24 小时紧急处理', en: 'urgent, around the clock' },
  technical: { 'zh-CN': '4–24 小时', en: '4–24 hours' },
  data_sync: { 'zh-CN': '1–3 个工作日', en: '1–3 working days' },
  identity: { 'zh-CN': '1–2 个工作日', en: '1–2 working days' },
  dispute: { 'zh-CN': '3–7 个工作日', en: '3–7 working days' },
  general: { 'zh-CN': '1–3 个工作日', en: '1–3 working days' },
};

/** Added to the promise when its deadline runs into a year whose public holidays are not entered yet. */
export const provisionalPromiseNote = {
  'zh-CN': '，如遇 {years} 年法定节假日将相应顺延',
  en: '; later if public holidays of {years} fall within it',
};
