/** Every operation of the resource: adding one is its file plus one line here. */
export { exportOperation } from './export.operation';
export { importOperation } from './import.operation';
