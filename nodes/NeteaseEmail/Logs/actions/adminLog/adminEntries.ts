/** The admin operation log's entries are read by the Settings trigger too: they live in the shared core. */
export type { AdminEntry } from '../../../shared/logs/adminEntries';
export { adminEntry } from '../../../shared/logs/adminEntries';
