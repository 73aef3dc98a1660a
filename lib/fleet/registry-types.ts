// The normalized fleet registry: what `fleet registry` prints and every other fleet command works
// from. Keys and defaults are the reference's (`ops-manager-fleet-registry.sh`).
import type { PolicyMode } from './vocabulary.js';

export type Transport = 'local' | 'sprite_service';

export interface FleetLoop {
  readonly loopId: string;
  readonly enabled: boolean;
  readonly transport: Transport;
  readonly sprite: Readonly<Record<string, unknown>>;
  readonly service: {
    readonly baseUrl?: string;
    readonly tokenEnv?: string;
    readonly retryAttempts: number;
    readonly retryBackoffSeconds: number;
  };
  readonly metadata: Readonly<Record<string, unknown>>;
}

export interface Governance {
  readonly actor?: string;
  readonly approvalRef?: string;
  readonly rationale?: string;
  readonly changedAt?: string;
  readonly reviewBy?: string;
  readonly reviewWindowDays?: number;
}

export interface AutoPause {
  readonly enabled: boolean;
  readonly lookbackExecutions: number;
  readonly minSampleSize: number;
  readonly ambiguityRateThreshold: number;
  readonly failureRateThreshold: number;
}

export interface Rollout {
  readonly canaryPercent: number;
  readonly scope: { readonly loopIds: readonly string[] };
  readonly selector: { readonly salt: string };
  readonly pause: { readonly manual: boolean };
  readonly autoPause: AutoPause;
}

export interface Safety {
  readonly maxActionsPerRun: number;
  readonly maxActionsPerLoop: number;
  readonly cooldownSeconds: number;
  readonly killSwitch: boolean;
}

export interface AutonomousControls {
  readonly enabled: boolean;
  readonly allow: { readonly categories: readonly string[]; readonly intents: readonly string[] };
  readonly thresholds: { readonly minSeverity: string; readonly minConfidence: string };
  readonly safety: Safety;
  readonly governance: Governance;
  readonly rollout: Rollout;
}

export interface FleetPolicy {
  readonly mode: PolicyMode;
  readonly suppressions: Readonly<Record<string, readonly string[]>>;
  readonly noiseControls: { readonly dedupeWindowSeconds: number };
  readonly autonomous: AutonomousControls;
}

export interface NormalizedRegistry {
  readonly schemaVersion: 'v1';
  readonly sourceFile: string;
  readonly fleetId: string;
  readonly loops: readonly FleetLoop[];
  readonly loopCount: number;
  readonly policy: FleetPolicy;
}

export const DEFAULT_SALT = 'fleet-autonomous-rollout-v1';
