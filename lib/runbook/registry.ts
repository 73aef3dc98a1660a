// What the runbook domain adds to the shared tables: its projections (for replay and the replay laws) and
// the codecs of every artifact it reads or writes (for contracts/). lib/projections.ts and
// lib/contracts-registry.ts merge these.
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { decode } from '../core/codec.js';
import { register, type RegisteredProjection } from '../core/registered-projection.js';
import { JobInput, JobResult, PhaseState, StepLog, TosConfig } from './codecs.js';
import { jobLoopProjection } from './job-loop.js';
import { stepsProjection } from './steps-projection.js';
import { TestReport } from './report-codecs.js';
import {
  CheckpointReport,
  CleanReport,
  RollbackReport,
  RunReport,
  SummaryReport,
} from './command-reports.js';
import { StepAnswerDoc, StepRequestDoc } from './step-protocol.js';
import { LastRunSummary, PhaseSummary, PolicyReport } from './summary-codecs.js';

/** Pure: a step log record (one per JSONL line when step logs are replayed as a stream). */
export const decodeStepLog = (v: unknown): E.Either<string, StepLog> =>
  E.mapLeft((e: { message: string }) => e.message)(decode(StepLog, v));

export const runbookProjections: Readonly<Record<string, RegisteredProjection>> = {
  [stepsProjection.name]: register(
    stepsProjection,
    decodeStepLog,
    'TOS step logs (step_NNN.json, in order): the counts and denied/fatal_error/stopped lists of phase_summary.json.',
  ),
  [jobLoopProjection.name]: register(
    jobLoopProjection,
    decodeStepLog,
    'TOS step logs (step_NNN.json, in order): the job index the S-5 job loop is on.',
  ),
};

export const runbookContracts: Readonly<Record<string, t.Mixed>> = {
  'tos-config': TosConfig,
  'tos-step-log': StepLog,
  'tos-phase-state': PhaseState,
  'tos-job-input': JobInput,
  'tos-job-result': JobResult,
  'tos-phase-summary': PhaseSummary,
  'tos-last-run-summary': LastRunSummary,
  'runbook-policy-report': PolicyReport,
  'runbook-test-report': TestReport,
  'runbook-summary-report': SummaryReport,
  'runbook-run-report': RunReport,
  'runbook-rollback-report': RollbackReport,
  'runbook-checkpoint-report': CheckpointReport,
  'runbook-clean-report': CleanReport,
  'tos-step-request': StepRequestDoc,
  'tos-step-answer': StepAnswerDoc,
};
