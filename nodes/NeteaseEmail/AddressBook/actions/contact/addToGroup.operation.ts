import { membershipOperation } from './membership';

export const addToGroup = membershipOperation(true);
