// Reads a small JSON document (state, approval, summary, config) through the edge's document reader.
// A parse failure names the file, line and byte offset, under the reference's own `error:` wording.
import * as t from 'io-ts';
import { readDocument, type DocRead } from '../../lib/io/store.js';
import { describeProblem, type DocProblem } from '../../lib/io/document.js';
import { CliError } from './errors.js';

export type Found<A> = { readonly found: false } | { readonly found: true; readonly value: A };
export type JsonDoc = Found<unknown>;

/**
 * A read's value. Missing → `{found:false}`; refused, unreadable or unparsable → CliError with
 * `errorLine` (the reference's text) and `file:line:byte: reason` (or `file: reason`) on the next line.
 */
export const foundOr = <A>(got: DocRead<A>, errorLine: string, shownAs: string): Found<A> => {
  if (got.kind === 'missing') return { found: false };
  if (got.kind === 'found') return { found: true, value: got.value };
  throw new CliError(errorLine, [problemDetail(shownAs, got.problem)]);
};

/** The detail line of a read problem: `file:line:byte: reason`, or node's own message for an I/O failure. */
export const problemDetail = (shownAs: string, problem: DocProblem): string =>
  problem.kind === 'unreadable' ? `${shownAs}: ${problem.reason}` : describeProblem(shownAs, problem);

/** Reads and parses `file` (not confined: the operator named it), answering as `foundOr`. */
export const readJsonDoc = async (file: string, errorLine: string, shownAs = file): Promise<JsonDoc> =>
  foundOr(await readDocument(file, t.unknown), errorLine, shownAs);
