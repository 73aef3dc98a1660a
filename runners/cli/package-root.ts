// The package root lives with the edge (lib/io), where alert dispatch finds the shipped catalog.
export { packageRoot } from '../../lib/io/package-root.js';
