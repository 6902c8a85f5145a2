export { type AuditRecord, chainHash, GENESIS_HASH } from './audit-chain';
export { auditEntry } from './audit-entry.table';
export {
  type AuditChange,
  type AuditEntryView,
  type AuditSubjectType,
  appendAudit,
  type BrokenLink,
  type ChainVerification,
  listAuditEntries,
  openingAuditEntries,
  verifyAuditChains,
  verifyEntries,
} from './audit.service';
