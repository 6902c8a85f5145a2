export { identityCheckChar, isResidentIdNumber, passesLuhn } from './check-digits';
export { type MaskingResult, maskSensitive } from './masking';
export { type ChannelJudgement, guessChannelKind, judgeChannel, normalizeChannelValue } from './channel-lookalike';
export { officialChannelRoutes } from './official-channel.routes';
export { checkChannel, listOfficialChannels, registerOfficialChannel, removeOfficialChannel } from './official-channel.service';
export { officialChannel } from './official-channel.table';
