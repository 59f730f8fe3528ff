import type { Resource } from '../../shared/framework/resource';
import { adminLog } from './adminLog';
import { loginLog } from './loginLog';
import { receivedMailLog } from './receivedMailLog';
import { sentMailLog } from './sentMailLog';

/** The logs module's resources; the first is the one a new node starts on. */
export const resources: Resource[] = [loginLog, receivedMailLog, sentMailLog, adminLog];
