/** Every operation of the resource: adding one is its file plus one line here. */
export { getAll } from './getAll.operation';
