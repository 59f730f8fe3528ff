/**
 * The company directory the LDAP example signs employees in against: a private slapd (see
 * slapd.ts) seeded with `ou=people` and two employees whose `mail` is a mailbox of the platform
 * sandbox. Their user names (uid) differ from the mailbox names on purpose: the workflow has to
 * take the address from the directory. Passwords are random per run and stored as {SSHA} hashes.
 */
import { randomBytes } from 'node:crypto';

import { mustRun } from './command';
import { ensureOpenLdap, LDAPADD, LDAPWHOAMI } from './install';
import { hashPassword, LOOPBACK, startSlapd } from './slapd';

export const BASE_DN = 'dc=example,dc=com';
export const PEOPLE_DN = `ou=people,${BASE_DN}`;
const ROOT_DN = `cn=admin,${BASE_DN}`;

export interface Employee {
	uid: string;
	name: string;
	mail: string;
	password: string;
	dn: string;
}

export interface Directory {
	host: typeof LOOPBACK;
	port: number;
	url: string;
	pid: number;
	employees: Employee[];
	/** Milliseconds spent installing slapd and ldap-utils (0 when they were there). */
	installMs: number;
	/** Stops this slapd and removes its folder; calling it again does nothing. */
	stop(): Promise<void>;
}

const secret = () => randomBytes(12).toString('base64url');

function employees(mailDomain: string): Employee[] {
	return [
		{ uid: 'zhangwei', name: 'Zhang Wei', mailbox: 'zhang.wei' },
		{ uid: 'lina', name: 'Li Na', mailbox: 'li.na' },
	].map(({ uid, name, mailbox }) => ({
		uid,
		name,
		mail: `${mailbox}@${mailDomain}`,
		password: secret(),
		dn: `uid=${uid},${PEOPLE_DN}`,
	}));
}

async function seedLdif(people: Employee[]): Promise<string> {
	const ldif = [
		[
			`dn: ${BASE_DN}`,
			'objectClass: dcObject',
			'objectClass: organization',
			'dc: example',
			'o: Example Co',
		],
		[`dn: ${PEOPLE_DN}`, 'objectClass: organizationalUnit', 'ou: people'],
	];
	for (const person of people) {
		const [givenName, surname] = person.name.split(' ');
		ldif.push([
			`dn: ${person.dn}`,
			'objectClass: inetOrgPerson',
			`uid: ${person.uid}`,
			`cn: ${person.name}`,
			`givenName: ${givenName}`,
			`sn: ${surname}`,
			`mail: ${person.mail}`,
			`userPassword: ${await hashPassword(person.password)}`,
		]);
	}
	return `${ldif.map((entry) => entry.join('\n')).join('\n\n')}\n`;
}

/** Installs OpenLDAP if needed, starts a private slapd and seeds it; stop() ends it. */
export async function startDirectory(opts: { mailDomain: string }): Promise<Directory> {
	const installMs = await ensureOpenLdap();
	const rootPassword = secret();
	const slapd = await startSlapd({ suffix: BASE_DN, rootDn: ROOT_DN, rootPassword });
	try {
		const people = employees(opts.mailDomain);
		const bind = ['-x', '-H', slapd.url, '-D'];
		await mustRun(LDAPADD, [...bind, ROOT_DN, '-w', rootPassword], {
			input: await seedLdif(people),
		});
		// The seeded hash has to let the employee bind with the plain password.
		const whoami = await mustRun(LDAPWHOAMI, [...bind, people[0].dn, '-w', people[0].password]);
		if (!whoami.includes(people[0].dn))
			throw new Error(`ldapwhoami as ${people[0].dn} answered ${whoami.trim()}`);
		return {
			host: LOOPBACK,
			port: slapd.port,
			url: slapd.url,
			pid: slapd.pid,
			employees: people,
			installMs,
			stop: slapd.stop,
		};
	} catch (error) {
		await slapd.stop();
		throw error;
	}
}
