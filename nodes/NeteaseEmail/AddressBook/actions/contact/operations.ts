/** Every operation of the resource: adding one is its file plus one line here. */
export { addToGroup } from './addToGroup.operation';
export { create } from './create.operation';
export { remove } from './delete.operation';
export { getAll } from './getAll.operation';
export { removeFromGroup } from './removeFromGroup.operation';
export { update } from './update.operation';
