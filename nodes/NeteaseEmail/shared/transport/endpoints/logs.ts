import type { Endpoint } from './endpoint';
import { INFERRED, read } from './endpoint';

/** The system logs module (reference §6.10 and §11). */
export const LOG_ENDPOINTS = {
	'log.webLogin': read('/api/open/logquery/webLogin'),
	'log.clientLogin': read('/api/open/logquery/clientLogin', INFERRED),
	'log.receivedMail': read('/api/open/logquery/receivedMail'),
	'log.sentMail': read('/api/open/logquery/sentMail', INFERRED),
	'log.adminOperation': read('/api/open/logquery/adminOperation', INFERRED),
} satisfies Record<string, Endpoint>;
