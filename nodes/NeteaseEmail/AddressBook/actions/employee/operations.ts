/** Every operation of the resource: adding one is its file plus one line here. */
export { offboard } from './offboard.operation';
export { onboard } from './onboard.operation';
export { syncFromHr } from './syncFromHr.operation';
