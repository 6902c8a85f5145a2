export { type Actor, type ActorRef, actorRef, systemActor } from './actor';
export { hashPassword, verifyAgainstDummy, verifyPassword } from './password';
export { constantTimeEqual, randomToken, sha256Hex } from './secrets';
export { type AccessRule, authorize, requireAgent } from './authorize';
