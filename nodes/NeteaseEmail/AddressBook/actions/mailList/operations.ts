/** Every operation of the resource: adding one is its file plus one line here. */
export { addMembers } from './addMembers.operation';
export { create } from './create.operation';
export { remove } from './delete.operation';
export { get } from './get.operation';
export { getAll } from './getAll.operation';
export { removeMembers } from './removeMembers.operation';
export { update } from './update.operation';
