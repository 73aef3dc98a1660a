// The `opsfold/queue` entry: the work queue: QUEUE.md and SQLite rows, the audit log, mutations as
// decisions, KPIs.
// Listed by name (no `export *`): projections, decisions, codecs and their types; helpers stay internal.

/** Projections: pure reducers over the records. */
export { queueAuditProjection } from './audit.js';
export { queueProjections } from './registry.js';

/** Decisions: pure functions of projected state and an explicit asOf. */
export { auditStateOf } from './audit.js';
export { foldDbEvents } from './db-fold.js';
export { decideMarkdown, decideDb } from './decide.js';
export { kpiReport, decideKpi } from './kpi.js';
export { planMarkdown, planExport, markdownRowOf } from './md-plan.js';
export { dbClockOf } from './kst.js';
export { renderRow } from './markdown.js';
export { statusLines } from './views.js';
export { queueEnvOf } from './config.js';
export { kpiArgsOf } from './kpi-args.js';
export { tallyRuns } from './kpi-gather.js';

/** Commands over ports: QUEUE.md under its lock (MdPorts) and the SQLite queue (SqlDb, lib/io's SqliteDb shape). */
export { mutateMarkdownQueue, exportMarkdownQueue, parseQueue, queueTextOf } from './md-store.js';
export { listRows, retriedCount, mutateDb, migrateDb } from './db-store.js';
export { schemaStatements, columnMigrations, schemaGap, effectStatements } from './schema.js';

/** Codecs (io-ts) of the artifacts, and the contract registries. */
export { AuditMutationCodec, AuditExportCodec, QueueAuditLine } from './audit.js';
export { OrchRunLine } from './orch-runs.js';
export { queueContracts } from './registry.js';
export { QueueRowCodec, RowPatchCodec, DbRowCodec, DbEventCodec } from './row.js';

/** Reason codes and other closed vocabularies. */
export { RETRY_BACKOFF_SECONDS } from './decide.js';
export { ROW_FIELDS, STATUSES, DB_FIELDS, EVENT_FIELDS } from './row.js';
export { CONSISTENCY_CAPS } from './views.js';

/** Types of the inputs, states and outputs above. */
export type { AuditLine, FoldRow, AuditState } from './audit.js';
export type { DbFoldState } from './db-fold.js';
export type { KpiReport, KpiThresholds, KpiInput, KpiGathered, KpiSettings } from './kpi.js';
export type { MdPlan, MdRead, PlanMeta } from './md-plan.js';
export type { RunFacts } from './orch-runs.js';
export type { DocRow, QueueDoc, TableError } from './markdown.js';
export type { QueueRow, DbRow, DbEvent, DbField } from './row.js';
export type { QueueCommand, Refusal, DbClock } from './decide.js';
export type { ViewRow } from './views.js';
export type { QueueEnv } from './config.js';
export type { KpiArgs } from './kpi-args.js';
export type { MdPorts, QueueFailure } from './md-store.js';
export type { SqlDb, SqlStatement } from './db-store.js';
