/** Every operation of the resource: adding one is its file plus one line here. */
export { remove } from './delete.operation';
export { get } from './get.operation';
export { getAll } from './getAll.operation';
export { markAsRead } from './markAsRead.operation';
export { markAsUnread } from './markAsUnread.operation';
export { move } from './move.operation';
export { recall } from './recall.operation';
export { reply } from './reply.operation';
export { send } from './send.operation';
