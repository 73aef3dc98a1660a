// One step of a domain view: run that domain's read command in-process (runCaptured) and keep its
// output, or show the document the domain last recorded, read through the Store.
import { hasCommand, sectionJson, type Section, type Step } from '../../lib/dashboard/domain-views.js';
import type { Store } from '../../lib/io/store.js';
import type { Command, Io } from '../cli/command.js';
import { runCaptured } from '../cli/capture.js';
import { readDoc } from '../../lib/dashboard/loop-files.js';

const fileSection = async (store: Store, step: Extract<Step, { kind: 'file' }>): Promise<Section> => {
  const doc = await readDoc(store, step.file, step.file);
  const error =
    doc.state.kind === 'ok' ? null : `${step.file}: ${doc.state.kind} ${doc.state.reason ?? ''}`.trim();
  const json = doc.value === null || step.shape === undefined ? doc.value : step.shape(doc.value);
  return { title: step.title, source: step.file, exitCode: null, json, text: '', error };
};

/** The section a step produces; null when its command does not exist here. */
export const runStep = async (
  commands: readonly Command[],
  step: Step,
  io: Omit<Io, 'stdout' | 'stderr'>,
  store: Store,
): Promise<Section | null> => {
  if (step.kind === 'file') return fileSection(store, step);
  if (!hasCommand(commands, step.argv.slice(0, 2))) return null;
  const ran = await runCaptured(commands, step.argv, io);
  const error = ran.code === 0 ? null : ran.stderr.trim() || `exit ${ran.code}`;
  return {
    title: step.title,
    source: `opsfold ${step.argv.join(' ')}`,
    exitCode: ran.code,
    json: sectionJson(ran.stdout),
    text: ran.stdout,
    error,
  };
};
