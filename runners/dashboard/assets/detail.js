// The loop detail page: why the loop is in its state first (reason codes with the threshold each
// crossed), then charts, heartbeat and sequence, escalations, control, tuning, the event timeline and
// the list of artifacts read. A live change re-reads the detail and the newest timeline page.
import { errorOf, getJson } from './api.js';
import { add, clear, h, section } from './dom.js';
import { controlPanel } from './control.js';
import { mountTimeline } from './timeline.js';
import {
  artifactsSection,
  chartsSection,
  escalationsSection,
  headline,
  intentsTable,
  problemsSection,
  runtimeSection,
  tuningSection,
  whySection,
} from './sections.js';

export const mountDetail = (root, ctx, loopId) => {
  const body = h('div', { class: 'detail' });
  const intents = h('div');
  const timelineRoot = h('div');
  const panel = ctx.config.control ? controlPanel(loopId, () => void load()) : null;
  let timeline = null;
  let laidOut = false;

  const layout = () => {
    add(
      root,
      body,
      section(
        'Control',
        panel ??
          h(
            'p',
            { class: 'state note', 'data-control': 'off' },
            'Read-only: start the dashboard with --control-token-env VAR to act on loops.',
          ),
        intents,
      ),
      section('Events, newest first', timelineRoot),
    );
    timeline = mountTimeline(timelineRoot, loopId);
    laidOut = true;
  };

  const render = (d) => {
    if (!laidOut) {
      clear(root);
      layout();
    }
    add(
      clear(body),
      headline(d),
      problemsSection(d),
      whySection(d),
      chartsSection(d),
      runtimeSection(d),
      escalationsSection(d),
      tuningSection(d),
      artifactsSection(d),
    );
    add(clear(intents), intentsTable(d));
  };

  const load = async () => {
    const r = await getJson(`/api/loops/${encodeURIComponent(loopId)}`);
    if (r.ok) return render(r.body);
    const known = r.body?.loops ? ` Loops here: ${r.body.loops.join(', ') || 'none'}.` : '';
    add(
      clear(root),
      h('a', { href: '#/', class: 'back' }, '← all loops'),
      h('p', { class: 'state error' }, `${errorOf(r)}.${known}`),
    );
    laidOut = false;
    timeline = null;
  };

  void load();
  return {
    update: async (change) => {
      // Another loop's change leaves this page as it is (a timer tick passes no change).
      if (change && !change.listChanged && !change.loopIds.includes(loopId)) return;
      await load();
      if (timeline !== null) await timeline.update();
    },
  };
};
