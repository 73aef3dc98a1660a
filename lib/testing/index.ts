// The `opsfold/testing` entry: helpers any projection's test suite can use (vitest, fast-check or a bare
// script). Listed by name, no `export *`, so the public surface is what is written here. Law: nothing
// here touches the file system, the clock (except a random default seed) or a test runner's globals.
export { replayLaws } from './replay-laws.js';
export type { ReplayCounterexample, ReplayLaw, ReplayLawsOptions, ReplayLawsResult } from './replay-laws.js';
export { diffJson, given, givenFacts, positionEvents } from './given.js';
export type { Given, GivenEvents, GivenFacts, WhenFacts } from './given.js';
