// What the last reconcile left behind, read leniently as the reference does (`jq … || echo {}`): a
// missing document is null, an unreadable one counts as empty and is named in a note, never fatal,
// because reconcile must still run to report the problem.
import { readJsonDoc } from '../../cli/json-doc.js';
import { CliError } from '../../cli/errors.js';

export interface Lenient {
  readonly value: unknown;
  readonly note: string | null;
}

/** The parsed document, `null` when absent, `{}` (with a note) when it does not parse. */
export const lenientDoc = async (file: string): Promise<Lenient> => {
  try {
    const d = await readJsonDoc(file, `invalid JSON: ${file}`);
    return { value: d.found ? d.value : null, note: null };
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    return { value: {}, note: `${err.details[0] ?? file}; read as {}` };
  }
};
