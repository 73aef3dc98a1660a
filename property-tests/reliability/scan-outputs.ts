// "Every output parses" for a command whose outputs are many: walks a tree and checks that each
// `*.json` parses whole and each `*.jsonl`'s complete lines parse (a last line without `\n` is an
// append a kill cut short, never acknowledged). Temp files and lock directories are skipped.
import { existsSync, promises as fsp } from 'node:fs';
import { join } from 'node:path';

const jsonProblem = (text: string): string | null => {
  try {
    JSON.parse(text);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
};

const fileProblems = async (file: string): Promise<string[]> => {
  const text = await fsp.readFile(file, 'utf8');
  if (file.endsWith('.json')) {
    const p = jsonProblem(text);
    return p === null ? [] : [`${file}: ${p}`];
  }
  const lines = text.split('\n').slice(0, -1);
  return lines.flatMap((l, i) => {
    const p = l.trim() === '' ? null : jsonProblem(l);
    return p === null ? [] : [`${file}:${i + 1}: ${p}`];
  });
};

/** Problems of every JSON and JSONL file under `dir` (none when it does not exist). */
export const scanOutputs = async (dir: string): Promise<string[]> => {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of await fsp.readdir(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory() && e.name !== '.git' && !e.name.endsWith('.lock'))
      out.push(...(await scanOutputs(path)));
    else if (e.isFile() && !e.name.endsWith('.tmp') && /\.jsonl?$/.test(e.name))
      out.push(...(await fileProblems(path)));
  }
  return out;
};
