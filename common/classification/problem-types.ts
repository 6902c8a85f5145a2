/** Where a customer with this kind of problem is best served. */
export const recommendedChannels = ['chat', 'phone', 'email', 'portal', 'wechat'] as const;
export type RecommendedChannel = (typeof recommendedChannels)[number];

/** The family of processing-time promise a problem type falls under; the SLA module turns it into deadlines. */
export const slaClasses = ['emergency', 'technical', 'data_sync', 'identity', 'dispute', 'general'] as const;
export type SlaClass = (typeof slaClasses)[number];
