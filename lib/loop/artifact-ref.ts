// The metadata a snapshot reports per artifact (the reference's `file_ref_json`).

export interface MarkerStatLike {
  readonly exists: boolean;
  readonly sizeBytes: number;
  readonly lineCount: number;
  readonly sha256: string | null;
  readonly mtimeEpoch: number | null;
}

/** Pure: the artifact path as the reference prints it: relative to the repo when inside it. */
export const displayPath = (repo: string, path: string): string =>
  path.startsWith(`${repo}/`) ? path.slice(repo.length + 1) : path;
