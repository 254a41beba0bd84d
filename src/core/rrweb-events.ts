/**
 * The numbers rrweb gives its event types and incremental sources (`EventType` and
 * `IncrementalSource` of `@rrweb/types`), for the recorder and privacy rules on the customer's
 * page and the agent's replayer: one place instead of a copy in each.
 */
export const FULL_SNAPSHOT = 2;
export const INCREMENTAL_SNAPSHOT = 3;
export const META = 4;

/** Sources of incremental snapshots. */
export const MUTATION = 0;
export const INPUT = 5;
export const SELECTION = 14;
