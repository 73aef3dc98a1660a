// Rendering one of the other domains' views: each step either runs that domain's read command (the
// runner runs it in-process and hands back what it printed), folds that domain's logs through its own
// ports (harness, ops cycle) or shows the document the domain last recorded, read through the Store. Which views exist and their steps are domain-views.ts's.
import type { Store } from '../io/store.js';
import type { DomainView, Exists, Section, Step } from './domain-views.js';
import { sectionJson } from './domain-views.js';
import { cycleSections, harnessSections, type DomainEdges } from './domain-sections.js';
import { readDoc } from './loop-files.js';

/** What a read command printed, and its exit code. */
export interface RanCommand {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ViewPorts {
  /** The repo's documents. */
  readonly store: Store;
  readonly exists: Exists;
  /** Runs `opsfold <argv>`; null when that command is not in the table. */
  run(argv: readonly string[]): Promise<RanCommand | null>;
  /** The domains the page folds itself, through their own ports; null where none are wired. */
  readonly domains: DomainEdges | null;
  /** The instant the views are evaluated at. */
  readonly asOfMs: number;
}

const edgeSections = async (ports: ViewPorts, step: Extract<Step, { kind: 'edge' }>): Promise<Section[]> => {
  const d = ports.domains;
  if (d === null) return [];
  const root = ports.store.root;
  try {
    return step.domain === 'harness'
      ? await harnessSections(await d.harness(root), ports.asOfMs)
      : await cycleSections(await d.cycle(root), ports.asOfMs);
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    return [{ title: step.title, source: root, exitCode: null, json: null, text: '', error }];
  }
};

const fileSection = async (store: Store, step: Extract<Step, { kind: 'file' }>): Promise<Section> => {
  const doc = await readDoc(store, step.file, step.file);
  const error =
    doc.state.kind === 'ok' ? null : `${step.file}: ${doc.state.kind} ${doc.state.reason ?? ''}`.trim();
  const json = doc.value === null || step.shape === undefined ? doc.value : step.shape(doc.value);
  return { title: step.title, source: step.file, exitCode: null, json, text: '', error };
};

/** Pure: the section a command step's run makes. */
export const commandSection = (step: Extract<Step, { kind: 'command' }>, ran: RanCommand): Section => ({
  title: step.title,
  source: `opsfold ${step.argv.join(' ')}`,
  exitCode: ran.code,
  json: sectionJson(ran.stdout),
  text: ran.stdout,
  error: ran.code === 0 ? null : ran.stderr.trim() || `exit ${ran.code}`,
});

/** Runs a view's steps and collects their sections (a step whose command is not here is left out). */
export const renderView = async (
  ports: ViewPorts,
  view: DomainView,
  asOf: string | null,
): Promise<{ name: string; title: string; sections: Section[] }> => {
  const sections: Section[] = [];
  for (const step of view.steps(ports.store.root, asOf, ports.exists)) {
    if (step.kind === 'file') sections.push(await fileSection(ports.store, step));
    else if (step.kind === 'edge') sections.push(...(await edgeSections(ports, step)));
    else {
      const ran = await ports.run(step.argv);
      if (ran !== null) sections.push(commandSection(step, ran));
    }
  }
  return { name: view.name, title: view.title, sections };
};
