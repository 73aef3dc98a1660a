/* global fetch */
// Talking to the dashboard server. Failures come back as values with a message, never as throws,
// so every view can render a clear state instead of going blank.

const parse = async (res) => {
  try {
    return await res.json();
  } catch {
    return { error: `HTTP ${res.status}: the answer was not JSON` };
  }
};

/** GET a JSON answer: { ok, status, body }. */
export const getJson = async (url) => {
  try {
    const res = await fetch(url, { headers: { Accept: 'application/json' } });
    return { ok: res.ok, status: res.status, body: await parse(res) };
  } catch {
    return { ok: false, status: 0, body: { error: 'the dashboard server is not reachable' } };
  }
};

/** POST JSON with the control token header. */
export const postJson = async (url, data, token) => {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-Opsfold-Token': token },
      body: JSON.stringify(data),
    });
    return { ok: res.ok, status: res.status, body: await parse(res) };
  } catch {
    return { ok: false, status: 0, body: { error: 'the dashboard server is not reachable' } };
  }
};

export const errorOf = (r) =>
  r.body && typeof r.body.error === 'string' ? r.body.error : `HTTP ${r.status}`;
