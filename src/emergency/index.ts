export { emergencyRoutes } from './emergency.routes';
export { freezeDeliverySubscriber, selfServiceLinkSubscriber, selfServiceUrl, SELF_SERVICE_PATH } from './emergency.subscriber';
export { freezeRequest, identityCheck } from './emergency.table';
export { type FreezeRequestRow, recordFreezeOutcome, requestFreeze } from './freeze.service';
export { type IdentityCheckRow, runIdentityCheck } from './identity-check.service';
export { issueSelfServiceToken, readSelfServiceToken, resolveSelfServiceSecret } from './self-service-link';
export { selfServiceRoutes } from './self-service.routes';
