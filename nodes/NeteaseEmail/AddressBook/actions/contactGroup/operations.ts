/** Every operation of the resource: adding one is its file plus one line here. */
export { create } from './create.operation';
export { remove } from './delete.operation';
export { getAll } from './getAll.operation';
export { rename } from './rename.operation';
