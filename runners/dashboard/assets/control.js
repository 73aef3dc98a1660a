/* global document, sessionStorage */
// Control actions. The buttons exist only when the server was started with a control token; the
// operator types the token once per tab (kept in sessionStorage, sent in X-Opsfold-Token). Each
// action asks for a second click before it is sent.
import { errorOf, postJson } from './api.js';
import { h } from './dom.js';

const KEY = 'opsfold.controlToken';
const INTENTS = [
  ['cancel', 'Cancel run'],
  ['approve', 'Approve'],
  ['reject', 'Reject'],
];

export const token = () => sessionStorage.getItem(KEY) ?? '';

const tokenState = () => {
  document.getElementById('token-state').textContent =
    token() === '' ? 'no token set' : 'token set for this tab';
};

/** Shows the token bar when control is enabled, and wires it. */
export const setupToken = (enabled) => {
  const bar = document.getElementById('token-bar');
  bar.hidden = !enabled;
  if (!enabled) return;
  const input = document.getElementById('token');
  bar.addEventListener('submit', (e) => {
    e.preventDefault();
    if (input.value !== '') sessionStorage.setItem(KEY, input.value);
    input.value = '';
    tokenState();
  });
  document.getElementById('token-forget').addEventListener('click', () => {
    sessionStorage.removeItem(KEY);
    tokenState();
  });
  tokenState();
};

const outcomeText = (r) => {
  const b = r.body ?? {};
  if (r.status === 401) return 'The control token was rejected: enter it again above.';
  if (!r.ok) return `Not done: ${errorOf(r)}`;
  const why = b.error ? `: ${b.error}` : '';
  return `${b.intent} → ${b.status ?? 'unknown'} (exit ${b.exitCode})${why}`;
};

/** The control panel of one loop: three buttons (confirm on second click) and the last outcome. */
export const controlPanel = (loopId, onDone) => {
  const result = h('p', { class: 'control-result', role: 'status' });
  const send = async (intent) => {
    if (token() === '') {
      result.textContent = 'Enter the control token above first.';
      return;
    }
    result.textContent = `${intent}: sent, waiting for confirmation…`;
    const r = await postJson(`/api/loops/${encodeURIComponent(loopId)}/control`, { intent }, token());
    if (r.status === 401) sessionStorage.removeItem(KEY);
    result.textContent = outcomeText(r);
    result.dataset.status = r.body?.status ?? 'error';
    tokenState();
    onDone();
  };
  const button = ([intent, label]) => {
    const b = h('button', { type: 'button', 'data-intent': intent }, label);
    b.addEventListener('click', () => {
      if (b.dataset.armed !== 'yes') {
        b.dataset.armed = 'yes';
        b.textContent = `Confirm ${intent}`;
        return;
      }
      b.dataset.armed = 'no';
      b.textContent = label;
      void send(intent);
    });
    return b;
  };
  return h('div', { class: 'control-panel' }, h('div', { class: 'buttons' }, INTENTS.map(button)), result);
};
