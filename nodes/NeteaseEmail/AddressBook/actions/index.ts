import type { Resource } from '../../shared/framework/resource';
import { account } from './account';
import { department } from './department';

/** The address book's resources, in the order the Resource list starts from. */
export const resources: Resource[] = [account, department];
