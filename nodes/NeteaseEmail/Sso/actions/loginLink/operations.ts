/** Every operation of the resource: adding one is its file plus one line here. */
export { get } from './get.operation';
