// The `opsfold/dashboard` entry: the dashboard's pure views: artifact state, loop facts, the overview,
// charts and routes.
// Listed by name (no `export *`): projections, decisions, codecs and their types; helpers stay internal.

/** Projections: pure reducers over the records. */
export { eventsIndexProjection, decodeEvent } from './events-index.js';

/** Codecs: the page's lenient views of what it reads (decode with viewOf). */
export { viewOf } from './lenient.js';
export { ControlRecord, EventView, HealthView, ReconcileRecord, StateView, StatusView } from './views.js';
export { RegistryView } from './loop-list.js';
export { PromotionDoc } from './promotion-view.js';

/** Codecs of what the dashboard answers (the overview row, the loop detail). */
export { LoopDetail, LoopRow, Sources, ValueSource } from './outputs.js';

/** Decisions: pure functions of projected state and an explicit asOf. */
export { classifyJsonDoc, whereOf, problemsOf } from './artifact-state.js';
export { sampleOf } from './chart.js';
export { chartsOf } from './detail.js';
export { lastControlOf, factsOf, sourcesOf } from './facts.js';
export { stateChoiceOf, foldedStateOf, withFoldedLifecycle } from './folded-state.js';
export { levelOf, rowOf, sortSpecOf, withFailure } from './overview.js';
export { listingOf } from './listing.js';
export { classifyRead } from './doc-read.js';
export { overviewBody } from './answers.js';
export { promotionView } from './promotion-view.js';
export { routeOf } from './routes.js';

/** Gathers over the edge (a Store and the dashboard's edge, passed in): the read model and a loop's status. */
export { ReadModel, readListing } from './read-model.js';
export { LoopModel } from './loop-model.js';
export { readLoopDocs, readRuntimeDocs } from './loop-docs.js';
export { loopStatusOf, statusReadsOf } from './loop-status.js';
export { updateWindows } from './windows.js';
export { apiAnswer } from './api.js';
export { renderView, commandSection } from './view-render.js';
export { harnessSections, cycleSections } from './domain-sections.js';
export { admitControl, controlAnswer, controlArgv, controlRequestOf } from './control-request.js';

/** Reason codes and other closed vocabularies. */
export { SORT_KEYS } from './overview.js';
export { WINDOWS, SUMMARY_WINDOW } from './windows.js';
export { RECENT } from './domain-sections.js';
export { INTENTS } from './control-request.js';

/** Types of the inputs, states and outputs above. */
export type { ClassifiedDoc } from './artifact-state.js';
export type {
  ArtifactKind,
  ArtifactState,
  HealthLevel,
  IntentRow,
  LoopFacts,
  ReasonRow,
  ThresholdRow,
} from './outputs.js';
export type { DetailInputs } from './detail.js';
export type { Listing } from './listing.js';
export type { LastEvent, EventsIndexState } from './events-index.js';
export type { FactInputs } from './facts.js';
export type { FoldedStateInputs, RuntimeDocs, RuntimeFiles, StateChoice } from './folded-state.js';
export type { PageQuery, RawBackLine } from './paging.js';
export type { GateRow, PromotionRows } from './promotion-view.js';
export type { Change, DashboardEdge } from './read-model.js';
export type { LoopEdge } from './loop-model.js';
export type { LoopFiles } from './loop-files.js';
export type { DocSet } from './loop-docs.js';
export type { StatusReads, StatusSources, StatusWindows } from './loop-status.js';
export type { AsOf, EventTimesPort, FoldedLogs, LoopParts } from './loop-view.js';
export type { RecordWindow, Windows } from './windows.js';
export type { Answer, ApiPorts, Query, RenderedView } from './api.js';
export type { ControlRequest, ControlSettings } from './control-request.js';
export type { RanCommand, ViewPorts } from './view-render.js';
export type { CycleEdge, DomainEdges } from './domain-sections.js';
