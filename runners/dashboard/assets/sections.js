// The sections of the loop detail page, each a pure function of the detail document.
import { age, badge, h, pairs, problemText, section, table, where } from './dom.js';
import { chart } from './chart.js';

const dash = (v) => (v === null || v === undefined || v === '' ? '—' : String(v));

export const problemsSection = (d) => {
  const bad = d.artifacts.filter((a) => a.kind === 'corrupt');
  const failure = d.failure
    ? [h('li', { 'data-kind': 'corrupt' }, `reading this loop failed: ${d.failure}`)]
    : [];
  if (bad.length === 0 && failure.length === 0 && d.row.problems.length === 0) return null;
  const items = [...new Map([...d.row.problems, ...bad].map((a) => [where(a) + a.kind, a])).values()];
  return h(
    'section',
    { class: 'panel problems-panel', 'data-section': 'problems' },
    h('h2', {}, 'Artifacts that need attention'),
    h(
      'ul',
      { class: 'problems' },
      failure,
      items.map((a) => h('li', { 'data-kind': a.kind }, problemText(a))),
    ),
  );
};

const reasonRow = (r) =>
  h(
    'tr',
    { 'data-code': r.code, 'data-severity': r.severity },
    h('td', {}, h('code', {}, r.code)),
    h('td', {}, badge(r.severity)),
    h('td', {}, dash(r.metric)),
    h('td', {}, dash(r.observed)),
    h('td', {}, dash(r.threshold)),
  );

const thresholdRow = (t) =>
  h(
    'tr',
    { 'data-metric': t.metric },
    h('td', {}, t.metric),
    h('td', {}, t.observed === null ? '—' : `${t.observed} ${t.unit}`),
    h('td', {}, dash(t.degraded)),
    h('td', {}, dash(t.critical)),
  );

const noReasons = (d) =>
  d.health.status === null
    ? h(
        'p',
        { class: 'state empty' },
        `No health document yet for ${d.loopId}: run opsfold loop reconcile --repo <repo> --loop ${d.loopId}.`,
      )
    : h('p', { class: 'state ok' }, 'No health reasons: every metric is inside its thresholds.');

export const whySection = (d) =>
  h(
    'section',
    { class: 'panel', 'data-section': 'why' },
    h('h2', {}, `Why it is ${d.health.level}`),
    h(
      'p',
      { class: 'meta' },
      `health.json updated ${dash(d.health.updatedAt)} · threshold profile ${dash(d.health.profile)}`,
    ),
    d.health.reasons.length === 0
      ? noReasons(d)
      : table(
          ['Reason code', 'Severity', 'Metric', 'Observed', 'Threshold'],
          d.health.reasons.map(reasonRow),
          { class: 'reasons-table' },
        ),
    h('h3', {}, 'Thresholds applied'),
    table(['Metric', 'Now', 'Degraded at', 'Critical at'], d.health.thresholds.map(thresholdRow), {
      class: 'thresholds-table',
    }),
  );

export const chartsSection = (d) =>
  section(
    `Last ${d.charts.window} reconcile passes`,
    h(
      'div',
      { class: 'charts' },
      chart('Ingest lag (s): pass time minus its last ingested event', d.charts.ingestLag, 's', 'ingest-lag'),
      chart('Reconcile duration (s)', d.charts.duration, 's', 'duration'),
    ),
  );

const visibility = (title, v, keys) =>
  h(
    'div',
    {},
    h('h3', {}, title),
    v === null ? h('p', { class: 'state empty' }, 'Not recorded yet.') : pairs(keys.map((k) => [k, v[k]])),
  );

export const runtimeSection = (d) =>
  section(
    'Heartbeat and sequence',
    h(
      'div',
      { class: 'columns' },
      visibility('Runtime heartbeat', d.heartbeat, [
        'freshnessStatus',
        'reasonCode',
        'lastHeartbeatAt',
        'heartbeatLagSeconds',
        'updatedAt',
      ]),
      visibility('Event sequence', d.sequence, [
        'status',
        'reasonCode',
        'driftActive',
        'snapshotCurrent',
        'eventsLast',
        'updatedAt',
      ]),
    ),
    d.sequence && d.sequence.violations.length > 0
      ? h('pre', { class: 'json' }, JSON.stringify(d.sequence.violations, null, 2))
      : null,
  );

const openRow = (e) =>
  h(
    'tr',
    {},
    h('td', {}, e.category),
    h('td', {}, h('code', {}, e.condition)),
    h('td', {}, dash(e.raisedAt)),
    h('td', {}, String(e.line)),
  );

export const escalationsSection = (d) =>
  h(
    'section',
    { class: 'panel', 'data-section': 'escalations' },
    h('h2', {}, `Open escalations (${d.escalations.open.length})`),
    d.escalations.open.length === 0
      ? h('p', { class: 'state ok' }, 'None open.')
      : table(['Category', 'Condition', 'Raised at', 'Line'], d.escalations.open.map(openRow)),
    d.escalations.unkeyed > 0
      ? h(
          'p',
          { class: 'state note' },
          `${d.escalations.unkeyed} record(s) without a dedupe key (written by the reference).`,
        )
      : null,
    d.escalations.recent.length === 0
      ? null
      : h(
          'details',
          {},
          h('summary', {}, `Last ${d.escalations.recent.length} escalation records`),
          h('pre', { class: 'json' }, JSON.stringify(d.escalations.recent, null, 2)),
        ),
  );

const intentRow = (i) =>
  h(
    'tr',
    { 'data-status': i.status ?? '' },
    h('td', {}, dash(i.timestamp)),
    h('td', {}, dash(i.intent)),
    h('td', {}, dash(i.status)),
    h('td', {}, dash(i.confirmation)),
    h('td', {}, dash(i.reasonCode)),
    h('td', {}, dash(i.requestedBy)),
  );

export const intentsTable = (d) =>
  d.control.intents.length === 0
    ? h('p', { class: 'state empty' }, 'No control intents recorded.')
    : table(['Time', 'Intent', 'Status', 'Confirmation', 'Reason', 'By'], d.control.intents.map(intentRow), {
        class: 'intents',
      });

export const tuningSection = (d) => {
  const t = d.tuning ?? {};
  const drift = d.drift ?? {};
  const observed = t.telemetrySummary?.observed ?? null;
  return section(
    'Telemetry summary and profile',
    pairs([
      ['applied profile', t.appliedProfile],
      ['recommended profile', t.recommendedProfile],
      ['confidence', t.confidence],
      ['rationale', t.rationale],
      ['window', t.summaryWindow],
      ['drift status', drift.status],
      ['drift active', drift.driftActive],
    ]),
    observed === null
      ? h('p', { class: 'state empty' }, 'No reconcile telemetry yet.')
      : h(
          'details',
          {},
          h('summary', {}, 'Observed'),
          h('pre', { class: 'json' }, JSON.stringify(observed, null, 2)),
        ),
  );
};

export const artifactsSection = (d) =>
  h(
    'details',
    { class: 'panel artifacts' },
    h('summary', {}, `Artifacts read (${d.artifacts.length})`),
    table(
      ['File', 'State'],
      d.artifacts.map((a) =>
        h(
          'tr',
          { 'data-kind': a.kind },
          h('td', {}, where(a)),
          h('td', {}, a.kind === 'corrupt' ? `corrupt: ${a.reason}` : a.kind),
        ),
      ),
    ),
    d.notes.length === 0
      ? null
      : h(
          'ul',
          { class: 'notes' },
          d.notes.map((n) => h('li', {}, n)),
        ),
  );

export const headline = (d) =>
  h(
    'div',
    { class: 'headline' },
    h('a', { href: '#/', class: 'back' }, '← all loops'),
    h('h1', {}, d.loopId, ' ', badge(d.row.level)),
    h(
      'p',
      { class: 'meta' },
      `lifecycle ${d.row.lifecycle.state} · last event ${d.row.lastEventAgeSeconds === null ? '—' : `${age(d.row.lastEventAgeSeconds)} ago`}` +
        ` · reconcile ${dash(d.reconcile?.lastStatus)} at ${dash(d.reconcile?.lastTimestamp)} · as of ${d.generatedAt}`,
    ),
    sourcesLine(d.row.sources),
  );

const SOURCE_NAMES = { manager: 'manager state', events: 'folded events', none: 'nowhere yet' };

/** Where each value of the headline came from, and why the events were folded when they were. */
const sourcesLine = (s) =>
  h(
    'p',
    { class: 'meta sources', 'data-lifecycle-source': s.lifecycle },
    ['lifecycle', 'health', 'lastEvent', 'cursor']
      .map((k) => `${k === 'lastEvent' ? 'last event' : k} from ${SOURCE_NAMES[s[k]]}`)
      .join(' · '),
    s.note ? ` (${s.note})` : '',
  );
