import type { Resource } from '../../shared/framework/resource';
import { mailbox } from './mailbox';
import { message } from './message';
import { subscription } from './subscription';

/** The email module's resources; the first is the one a new node starts on. */
export const resources: Resource[] = [message, mailbox, subscription];
