// A document problem as the one detail line opsfold prints under the reference's error line:
// `file:line:byte: reason` when there is a position; an I/O failure keeps node's own message.
import type { DocRead } from '../io/store.js';

export type DocProblem = Extract<DocRead<unknown>, { kind: 'problem' }>['problem'];

export const problemDetail = (shown: string, p: DocProblem): string => {
  if (p.kind === 'unparsable') return `${shown}:${p.line}:${p.byteOffset}: ${p.reason}`;
  return p.kind === 'refused' ? `${shown}: refused: ${p.reason}` : `${shown}: ${p.reason}`;
};
