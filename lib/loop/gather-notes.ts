// What gathering a snapshot tells the operator on stderr beside its output: the fold's own notes, the
// corrupt lines skipped (and where they were kept), and a torn last line held back until it completes.

export interface GatherSeen {
  /** The events log as named in the notes. */
  readonly events: string;
  readonly foldNotes: readonly string[];
  readonly corruptLines: number;
  /** Where the skipped lines were kept; null when none were skipped. */
  readonly quarantined: string | null;
  readonly tornTail: { readonly byteOffset: number; readonly bytes: number } | null;
}

export const gatherNotes = (s: GatherSeen): readonly string[] => [
  ...s.foldNotes,
  ...(s.quarantined === null
    ? []
    : [`skipped ${s.corruptLines} corrupt line(s) of ${s.events}; kept in ${s.quarantined}`]),
  ...(s.tornTail === null
    ? []
    : [
        `${s.events}: ${s.tornTail.bytes} byte(s) after the last newline at byte ${s.tornTail.byteOffset} are not yet a complete line; held back`,
      ]),
];
