/** What masking hides in a customer's message; the console names them, the audit chain records them. */
export const sensitiveKinds = ['bank_card', 'id_number', 'mobile', 'password', 'verification_code', 'mnemonic', 'private_key'] as const;
export type SensitiveKind = (typeof sensitiveKinds)[number];
