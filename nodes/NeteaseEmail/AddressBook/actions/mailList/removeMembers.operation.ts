import { membershipOperation } from './membership';

export const removeMembers = membershipOperation(false);
