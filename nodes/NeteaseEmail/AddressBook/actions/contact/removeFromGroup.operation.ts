import { membershipOperation } from './membership';

export const removeFromGroup = membershipOperation(false);
