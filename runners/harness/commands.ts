// The harness commands, in the order --help lists them; runners/commands.ts appends them to the table.
import type { Command } from '../cli/command.js';
import { harnessActor } from './actor.js';
import { harnessActorAudit } from './actor-audit.js';
import { harnessCollect } from './collect.js';
import { harnessDispatch } from './dispatch.js';
import { harnessDispatchMarker } from './dispatch-marker.js';
import { harnessFinishCheck } from './finish-check.js';
import { harnessInstallCommitHook } from './install-commit-hook.js';
import { harnessObserve } from './observe.js';
import { harnessRoute } from './route.js';
import { harnessShaDecision } from './sha-decision.js';
import { harnessStatus } from './status.js';
import { harnessWatchdog } from './watchdog.js';

export const harnessCommands: readonly Command[] = [
  harnessObserve,
  harnessWatchdog,
  harnessDispatch,
  harnessDispatchMarker,
  harnessShaDecision,
  harnessCollect,
  harnessFinishCheck,
  harnessActor,
  harnessActorAudit,
  harnessInstallCommitHook,
  harnessRoute,
  harnessStatus,
];
