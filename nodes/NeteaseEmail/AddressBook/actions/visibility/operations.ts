/** Every operation of the resource: adding one is its file plus one line here. */
export { getViewScope } from './getViewScope.operation';
export { setAccountVisibility } from './setAccountVisibility.operation';
export { setViewScope } from './setViewScope.operation';
