export { identityCheckChar, isResidentIdNumber, passesLuhn } from './check-digits';
export { type MaskingResult, maskSensitive } from './masking';
