/** Every operation of the resource: adding one is its file plus one line here. */
export { getChanges } from './getChanges.operation';
export { getLatestRevision } from './getLatestRevision.operation';
