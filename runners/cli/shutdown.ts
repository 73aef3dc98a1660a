// How a long-running server command (`service`, `dashboard`) stops. The first SIGINT or SIGTERM closes
// the server (no new requests, open connections dropped) and the command returns 0. Work a dropped
// request left running (a read of a slow file or a pipe, a control run's child) cannot be interrupted
// from here, and a blocked read would keep node alive even through process.exit; so if the process is
// still there SHUTDOWN_GRACE_MS after the signal, or a second signal comes while it shuts down, it ends
// at once by that signal (status 128 + n: 130 for SIGINT, 143 for SIGTERM), which no pending read can
// hold up.

/** How long a shutdown may take before the process ends by the signal. */
export const SHUTDOWN_GRACE_MS = 2000;

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
type StopSignal = (typeof SIGNALS)[number];

const endBy = (signal: StopSignal): void => {
  for (const s of SIGNALS) process.removeAllListeners(s);
  process.kill(process.pid, signal);
};

/** Serves until `closed` resolves; the first signal calls `close`, as described above. */
export const serveUntilSignal = async (
  close: () => Promise<void>,
  closed: Promise<unknown>,
): Promise<void> => {
  let stopping = false;
  const onSignal = (signal: StopSignal) => {
    if (stopping) return endBy(signal);
    stopping = true;
    // Unref'd: it fires only when something else still keeps the process alive after the close.
    setTimeout(() => endBy(signal), SHUTDOWN_GRACE_MS).unref();
    void close();
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  try {
    await closed;
  } finally {
    // A second signal from here on meets node's default action: the process ends by it at once.
    for (const s of SIGNALS) process.off(s, onSignal);
  }
};
