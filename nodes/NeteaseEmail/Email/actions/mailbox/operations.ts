/** Every operation of the resource: adding one is its file plus one line here. */
export { getFolders } from './getFolders.operation';
export { getHandOverStatus } from './getHandOverStatus.operation';
export { getUnreadCount } from './getUnreadCount.operation';
export { handOver } from './handOver.operation';
