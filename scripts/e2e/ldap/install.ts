/**
 * Debian's OpenLDAP server and client tools, installed with apt-get when missing (needs root; the
 * packages come from the machine's Debian mirror, nothing else is downloaded).
 */
import { existsSync } from 'node:fs';

import { mustRun } from './command';

export const SLAPD = '/usr/sbin/slapd';
export const SLAPPASSWD = '/usr/sbin/slappasswd';
export const LDAPADD = '/usr/bin/ldapadd';
export const LDAPWHOAMI = '/usr/bin/ldapwhoami';
export const SCHEMA_DIR = '/etc/ldap/schema';
const PACKAGES = ['slapd', 'ldap-utils'];
/** No recommended extras; wait for the dpkg lock rather than fail if another install holds it. */
const APT_INSTALL = ['install', '-y', '--no-install-recommends', '-o', 'DPkg::Lock::Timeout=120'];
const REQUIRED = [SLAPD, SLAPPASSWD, LDAPADD, LDAPWHOAMI, `${SCHEMA_DIR}/inetorgperson.schema`];

/** Installs slapd and ldap-utils unless they are there; resolves with the ms it took (0: present). */
export async function ensureOpenLdap(): Promise<number> {
	if (REQUIRED.every((file) => existsSync(file))) return 0;
	const started = Date.now();
	if (typeof process.getuid === 'function' && process.getuid() !== 0) {
		throw new Error(
			'slapd and ldap-utils are missing and this is not root: install them with ' +
				'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y slapd ldap-utils',
		);
	}
	console.error("[e2e] installing Debian's slapd and ldap-utils");
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	// Without this answer the package configures a system-wide slapd (on port 389, every
	// interface) and starts it; the suite only ever runs its own private one.
	await mustRun('debconf-set-selections', [], {
		env,
		input: 'slapd slapd/no_configuration boolean true\n',
	});
	await mustRun('apt-get', ['update'], { env, timeoutMs: 300_000 });
	await mustRun('apt-get', [...APT_INSTALL, ...PACKAGES], { env, timeoutMs: 600_000 });
	const missing = REQUIRED.filter((file) => !existsSync(file));
	if (missing.length) throw new Error(`installed, but still missing: ${missing.join(', ')}`);
	return Date.now() - started;
}
