// What `fleet promotion-ci` publishes, as data: the result document and its markdown job summary, for
// a decided run or for one skipped because evidence files are missing.
import type * as t from 'io-ts';
import type { PromotionCiResult } from './promotion-codecs.js';
import type { PromotionDocument } from './promotion-decision.js';
import { ciSkippedMarkdown, ciSummaryMarkdown } from './promotion-markdown.js';
import { CI_MISSING_EVIDENCE } from './promotion-reasons.js';

export interface CiOutput {
  readonly result: t.TypeOf<typeof PromotionCiResult>;
  readonly markdown: string;
}

/** The files a decided run's summary points at, as the operator named them. */
export interface CiFiles {
  readonly resultFile: string;
  readonly promotionStateFile: string;
  readonly promotionTelemetryFile: string;
}

/** A run skipped for missing evidence (exit 0): decision skipped, the missing paths in order. */
export const ciSkipped = (generatedAt: string, repoPath: string, missing: readonly string[]): CiOutput => ({
  result: {
    schemaVersion: 'v1' as const,
    generatedAt,
    source: { repoPath },
    summary: {
      decision: 'skipped' as const,
      promote: false as const,
      reasonCodes: [CI_MISSING_EVIDENCE],
      missingEvidencePaths: [...missing],
    },
  },
  markdown: ciSkippedMarkdown(missing, CI_MISSING_EVIDENCE),
});

/** A decided run: the promotion document itself and its summary. */
export const ciDecided = (doc: PromotionDocument, files: CiFiles): CiOutput => ({
  result: doc,
  markdown: ciSummaryMarkdown({
    decision: doc.summary.decision,
    failedGates: doc.summary.failedGates,
    reasonCodes: doc.summary.reasonCodes,
    ...files,
  }),
});
