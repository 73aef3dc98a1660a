// The alert sink catalog's node adapters: where the shipped catalog is, and the document reader
// lib/alerts/load-config reads an operator-named catalog through (relative to the working directory).
import { join, resolve } from 'node:path';
import * as t from 'io-ts';
import { SHIPPED_CONFIG } from '../../lib/alerts/load-config.js';
import type { ReadDoc } from '../../lib/alerts/ports.js';
import { readDocument } from '../../lib/io/store.js';
import { packageRoot } from '../cli/package-root.js';

/** The catalog opsfold ships (same shape as the reference's; every sink disabled). */
export const defaultConfigPath = (): string => join(packageRoot(), ...SHIPPED_CONFIG);

/** Reads a document named relative to `cwd` (anywhere: the operator chose it; FIFOs refused). */
export const readDocAt =
  (cwd: string): ReadDoc =>
  (file) =>
    readDocument(resolve(cwd, file), t.unknown);
