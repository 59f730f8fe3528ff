/** A private OpenLDAP directory on 127.0.0.1 for the LDAP login example (see directory.ts). */
export type { Directory, Employee } from './directory';
export { PEOPLE_DN, startDirectory } from './directory';
