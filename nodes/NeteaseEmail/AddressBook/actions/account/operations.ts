/** Every operation of the resource: adding one is its file plus one line here. */
export { addAlias } from './addAlias.operation';
export { bindMobile } from './bindMobile.operation';
export { create } from './create.operation';
export { remove } from './delete.operation';
export { findByJobNumber } from './findByJobNumber.operation';
export { get } from './get.operation';
export { getAliases } from './getAliases.operation';
export { getAll } from './getAll.operation';
export { getMobile } from './getMobile.operation';
export { move } from './move.operation';
export { removeAlias } from './removeAlias.operation';
export { restore } from './restore.operation';
export { setLoginPermissions } from './setLoginPermissions.operation';
export { suspend } from './suspend.operation';
export { unsuspend } from './unsuspend.operation';
export { update } from './update.operation';
export { updatePassword } from './updatePassword.operation';
