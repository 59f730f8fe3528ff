import { membershipOperation } from './membership';

export const addMembers = membershipOperation(true);
