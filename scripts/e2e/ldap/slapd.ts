/**
 * A private slapd: its own slapd.conf and mdb database in a new temp folder, listening on a free
 * port of 127.0.0.1 only, run in the foreground (`-d none`: no fork, only uncategorised messages
 * such as configuration errors on stderr) so that the process this module spawns is slapd
 * itself. stop() ends exactly that process and removes the folder; an 'exit' handler does the
 * same if the suite ends without calling it.
 */
import { spawn } from 'node:child_process';
import { existsSync, promises as fs, rmSync } from 'node:fs';
import { connect } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

import { freePort } from '../n8n';
import { mustRun } from './command';
import { SCHEMA_DIR, SLAPD, SLAPPASSWD } from './install';

/** Debian builds the mdb backend as a loadable module. */
const MODULE_DIR = '/usr/lib/ldap';

export const LOOPBACK = '127.0.0.1';

export interface SlapdOptions {
	suffix: string;
	rootDn: string;
	rootPassword: string;
}

export interface RunningSlapd {
	url: string;
	port: number;
	pid: number;
	/** SIGTERM to this slapd (SIGKILL after 5 s), then removes its folder. */
	stop(): Promise<void>;
}

/** A password hash as slapd stores it ({SSHA}, salted). */
export async function hashPassword(password: string): Promise<string> {
	return (await mustRun(SLAPPASSWD, ['-h', '{SSHA}', '-s', password])).trim();
}

async function writeConfig(dir: string, opts: SlapdOptions): Promise<string> {
	const mdbModule = existsSync(path.join(MODULE_DIR, 'back_mdb.so'));
	const lines = [
		...['core', 'cosine', 'inetorgperson'].map((s) => `include ${SCHEMA_DIR}/${s}.schema`),
		`pidfile ${path.join(dir, 'slapd.pid')}`,
		`argsfile ${path.join(dir, 'slapd.args')}`,
		...(mdbModule ? [`modulepath ${MODULE_DIR}`, 'moduleload back_mdb'] : []),
		'database mdb',
		'maxsize 16777216',
		`suffix "${opts.suffix}"`,
		`rootdn "${opts.rootDn}"`,
		`rootpw ${await hashPassword(opts.rootPassword)}`,
		`directory ${path.join(dir, 'data')}`,
		// Employees bind with their own password; signed in, they may read the directory.
		'access to attrs=userPassword by self write by anonymous auth by * none',
		'access to * by users read by * none',
	];
	await fs.mkdir(path.join(dir, 'data'));
	const file = path.join(dir, 'slapd.conf');
	await fs.writeFile(file, `${lines.join('\n')}\n`, { mode: 0o600 });
	return file;
}

function accepts(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect({ host: LOOPBACK, port });
		socket.setTimeout(1_000);
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
		socket.once('timeout', () => {
			socket.destroy();
			resolve(false);
		});
	});
}

export async function startSlapd(opts: SlapdOptions, timeoutMs = 15_000): Promise<RunningSlapd> {
	const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'e2e-slapd-'));
	const removeDir = () => rmSync(dir, { recursive: true, force: true });
	let config: string;
	try {
		config = await writeConfig(dir, opts);
	} catch (error) {
		removeDir();
		throw error;
	}
	const port = await freePort();
	const url = `ldap://${LOOPBACK}:${port}`;
	const child = spawn(SLAPD, ['-f', config, '-h', `${url}/`, '-d', 'none'], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout.on('data', (d: Buffer) => (output += d.toString()));
	child.stderr.on('data', (d: Buffer) => (output += d.toString()));
	let exited: string | undefined;
	const closed = new Promise<void>((resolve) =>
		child.on('close', (code, signal) => {
			exited = String(code ?? signal);
			resolve();
		}),
	);
	child.on('error', (error) => (output += `\n${error.message}`));

	const killNow = () => {
		if (exited === undefined && child.pid !== undefined) child.kill('SIGKILL');
		removeDir();
	};
	process.once('exit', killNow);
	const stop = async () => {
		process.off('exit', killNow);
		if (exited === undefined && child.pid !== undefined) {
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
			await closed;
			clearTimeout(timer);
		}
		await fs.rm(dir, { recursive: true, force: true });
	};

	const deadline = Date.now() + timeoutMs;
	while (!(await accepts(port))) {
		if (exited !== undefined || child.pid === undefined || Date.now() > deadline) {
			await stop();
			const why = exited !== undefined ? `exited ${exited}` : `not listening after ${timeoutMs} ms`;
			throw new Error(`slapd ${why}: ${output.trim().split('\n').slice(-5).join(' | ')}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return { url, port, pid: child.pid!, stop };
}
