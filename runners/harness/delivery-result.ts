// What every ESCALATE delivery path reports back; its own module so the dispatcher (sink.ts) and the
// alert-catalog path (alert-sink.ts) share it without importing each other.
export interface DeliveryResult {
  readonly sink: 'command' | 'webhook' | 'alert_sinks' | 'none';
  readonly ok: boolean;
  readonly detail: string;
}
