/** What the platform's back-end is called for. Later issues add ticket event subscriptions. */
export const webhookPurposes = ['identity_check', 'account_freeze'] as const;
export type WebhookPurpose = (typeof webhookPurposes)[number];

/** Signature headers of every outbound call: `v1=` HMAC-SHA256(secret, timestamp + "." + body), hex. */
export const SIGNATURE_HEADER = 'X-Huiying-Signature';
export const TIMESTAMP_HEADER = 'X-Huiying-Timestamp';
export const DELIVERY_HEADER = 'X-Huiying-Delivery';
