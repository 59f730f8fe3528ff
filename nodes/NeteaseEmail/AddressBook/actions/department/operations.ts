/** Every operation of the resource: adding one is its file plus one line here. */
export { create } from './create.operation';
export { remove } from './delete.operation';
export { ensurePath } from './ensurePath.operation';
export { find } from './find.operation';
export { getAll } from './getAll.operation';
export { move } from './move.operation';
export { setRank } from './setRank.operation';
export { update } from './update.operation';
