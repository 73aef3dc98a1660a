// The loop-manager health commands; runners/commands.ts appends them to the table.
import type { Command } from '../cli/command.js';
import { loopHealth } from '../loop-health.js';
import { loopHeartbeat } from '../loop-heartbeat.js';
import { loopProfileDrift } from '../loop-profile-drift.js';
import { loopSequence } from '../loop-sequence.js';
import { loopTelemetrySummary } from '../loop-telemetry-summary.js';
import { loopThresholdProfile } from '../loop-threshold-profile.js';

export const loopHealthCommands: readonly Command[] = [
  loopHealth,
  loopHeartbeat,
  loopSequence,
  loopThresholdProfile,
  loopTelemetrySummary,
  loopProfileDrift,
];
