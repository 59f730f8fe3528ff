/**
 * A private PostgreSQL for the audit-log example: Debian's `postgresql` (installed with apt-get when
 * missing, as root, without the system-wide `main` cluster the package would otherwise create), a
 * new cluster (`initdb`) in a temp folder, its postmaster run in the foreground on a free port of
 * 127.0.0.1 (its socket in that folder too), so the process this module spawns is the postmaster
 * itself. stop() ends exactly that process (SIGINT: fast shutdown) and removes the folder; an
 * 'exit' handler does the same if the suite ends without calling it.
 *
 * The server refuses to run as root, so when the suite is root the cluster belongs to the
 * `postgres` user the package creates; clients connect over TCP with a random password.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { mustRun, runCommand } from '../ldap/command';
import { freePort } from '../n8n';
import { superviseServer } from '../serverProcess';

const VERSIONS_DIR = '/usr/lib/postgresql';
const CREATECLUSTER_CONF = '/etc/postgresql-common/createcluster.conf';
const APT_INSTALL = ['install', '-y', '--no-install-recommends', '-o', 'DPkg::Lock::Timeout=120'];
/** Keep a createcluster.conf written before the install (see ensurePostgres). */
const KEEP_OUR_CONFFILES = [
	'-o',
	'Dpkg::Options::=--force-confdef',
	'-o',
	'Dpkg::Options::=--force-confold',
];
export const LOOPBACK = '127.0.0.1';
const SUPERUSER = 'postgres';

interface Binaries {
	initdb: string;
	postgres: string;
	psql: string;
}

/** The newest installed server version's programs, or undefined when none is complete. */
function findBinaries(): Binaries | undefined {
	if (!existsSync(VERSIONS_DIR)) return undefined;
	const versions = readdirSync(VERSIONS_DIR)
		.filter((name) => /^\d+$/.test(name))
		.sort((a, b) => Number(b) - Number(a));
	for (const version of versions) {
		const bin = path.join(VERSIONS_DIR, version, 'bin');
		const programs = {
			initdb: path.join(bin, 'initdb'),
			postgres: path.join(bin, 'postgres'),
			psql: path.join(bin, 'psql'),
		};
		if (Object.values(programs).every((file) => existsSync(file))) return programs;
	}
	return undefined;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * Installs Debian's postgresql unless a server is there; resolves with its programs and the ms the
 * install took (0: present).
 */
export async function ensurePostgres(): Promise<{ binaries: Binaries; installMs: number }> {
	const present = findBinaries();
	if (present) return { binaries: present, installMs: 0 };
	const started = Date.now();
	if (!isRoot()) {
		throw new Error(
			'PostgreSQL is missing and this is not root: install it with ' +
				'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql',
		);
	}
	console.error("[e2e] installing Debian's postgresql");
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	// Without this the package creates a system-wide cluster ("main", port 5432) and may start it;
	// the suite only ever runs its own private one. A file already there is left alone.
	if (!existsSync(CREATECLUSTER_CONF)) {
		await fs.mkdir(path.dirname(CREATECLUSTER_CONF), { recursive: true });
		await fs.writeFile(CREATECLUSTER_CONF, 'create_main_cluster = false\n');
	}
	await mustRun('apt-get', ['update'], { env, timeoutMs: 300_000 });
	await mustRun('apt-get', [...APT_INSTALL, ...KEEP_OUR_CONFFILES, 'postgresql'], {
		env,
		timeoutMs: 600_000,
	});
	const binaries = findBinaries();
	if (!binaries) throw new Error(`installed postgresql, but ${VERSIONS_DIR}/*/bin is incomplete`);
	return { binaries, installMs: Date.now() - started };
}

/** uid and gid of a user from /etc/passwd (Node has no getpwnam). */
function userIds(name: string): { uid: number; gid: number } {
	const line = readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.find((entry) => entry.startsWith(`${name}:`));
	if (!line)
		throw new Error(`running as root needs the "${name}" user (the postgresql package creates it)`);
	const [, , uid, gid] = line.split(':');
	return { uid: Number(uid), gid: Number(gid) };
}

export interface RunningPostgres {
	host: typeof LOOPBACK;
	port: number;
	user: string;
	password: string;
	database: string;
	pid: number;
	/** Milliseconds spent installing PostgreSQL (0 when it was there). */
	installMs: number;
	/** Runs SQL with psql on the database; the rows, each as its columns (`-A -t`, tab-separated). */
	query(sql: string): Promise<string[][]>;
	/** SIGINT to this postmaster (SIGKILL after 10 s), then removes its folder; again: nothing. */
	stop(): Promise<void>;
}

/**
 * Installs PostgreSQL if needed, creates a private cluster and starts it on a free loopback port,
 * then creates `database` and runs `setupSql` in it.
 */
export async function startPostgres(opts: {
	database: string;
	setupSql?: string;
	timeoutMs?: number;
}): Promise<RunningPostgres> {
	const { binaries, installMs } = await ensurePostgres();
	const owner = isRoot() ? userIds(SUPERUSER) : undefined;
	const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'e2e-postgres-'));
	const removeDir = () => rmSync(dir, { recursive: true, force: true });
	const password = randomBytes(12).toString('base64url');
	const dataDir = path.join(dir, 'data');
	const asOwner = owner ? { uid: owner.uid, gid: owner.gid } : {};
	// A clean environment: PG* variables of the caller must not steer initdb or the server.
	const serverEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C', LC_ALL: 'C' };
	try {
		const pwfile = path.join(dir, 'pwfile');
		await fs.writeFile(pwfile, `${password}\n`, { mode: 0o600 });
		if (owner) {
			await fs.chown(dir, owner.uid, owner.gid);
			await fs.chown(pwfile, owner.uid, owner.gid);
		}
		await spawnToEnd(
			binaries.initdb,
			[
				'-D',
				dataDir,
				'-U',
				SUPERUSER,
				'--pwfile',
				pwfile,
				'--auth=scram-sha-256',
				'-E',
				'UTF8',
				'--locale=C',
				'--no-sync',
			],
			{ ...asOwner, env: serverEnv },
		);
		await fs.rm(pwfile, { force: true });
	} catch (error) {
		removeDir();
		throw error;
	}

	const port = await freePort();
	const child = spawn(
		binaries.postgres,
		[
			'-D',
			dataDir,
			'-h',
			LOOPBACK,
			'-p',
			String(port),
			'-k',
			dir,
			'-c',
			'fsync=off',
			'-c',
			'logging_collector=off',
		],
		{ ...asOwner, env: serverEnv, stdio: ['ignore', 'pipe', 'pipe'] },
	);
	const server = superviseServer(child, {
		signal: 'SIGINT',
		graceMs: 10_000,
		cleanUp: () => fs.rm(dir, { recursive: true, force: true }),
		cleanUpNow: removeDir,
	});
	const { stop } = server;

	const clientEnv = { PATH: serverEnv.PATH, PGPASSWORD: password, PGCONNECT_TIMEOUT: '3' };
	const psql = (database: string, sql: string) =>
		mustRun(
			binaries.psql,
			[
				'-h',
				LOOPBACK,
				'-p',
				String(port),
				'-U',
				SUPERUSER,
				'-d',
				database,
				'-v',
				'ON_ERROR_STOP=1',
				'-X',
				'-q',
				'-A',
				'-t',
				'-F',
				'\t',
				'-c',
				sql,
			],
			{ env: clientEnv, timeoutMs: 30_000 },
		);
	try {
		const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
		for (;;) {
			if (server.exited() !== undefined) throw new Error(`postgres exited ${server.exited()}`);
			const probe = await runCommand(
				binaries.psql,
				[
					'-h',
					LOOPBACK,
					'-p',
					String(port),
					'-U',
					SUPERUSER,
					'-d',
					'postgres',
					'-X',
					'-A',
					'-t',
					'-c',
					'SELECT 1',
				],
				{ env: clientEnv, timeoutMs: 5_000 },
			);
			if (probe.code === 0) break;
			if (Date.now() > deadline)
				throw new Error(`not answering after ${opts.timeoutMs ?? 30_000} ms`);
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		await psql('postgres', `CREATE DATABASE ${opts.database}`);
		if (opts.setupSql) await psql(opts.database, opts.setupSql);
	} catch (error) {
		await stop();
		const why = error instanceof Error ? error.message : String(error);
		throw new Error(
			`postgres on ${LOOPBACK}:${port}: ${why}: ${server.output().trim().split('\n').slice(-5).join(' | ')}`,
		);
	}

	return {
		host: LOOPBACK,
		port,
		user: SUPERUSER,
		password,
		database: opts.database,
		pid: child.pid!,
		installMs,
		async query(sql) {
			const text = await psql(opts.database, sql);
			return text
				.split('\n')
				.filter((line) => line !== '')
				.map((line) => line.split('\t'));
		},
		stop,
	};
}

/** Runs a program to completion as the given user; throws with the end of its output otherwise. */
function spawnToEnd(
	cmd: string,
	args: string[],
	opts: { uid?: number; gid?: number; env: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (d: Buffer) => (output += d.toString()));
		child.stderr.on('data', (d: Buffer) => (output += d.toString()));
		const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code) => {
			clearTimeout(timer);
			if (code === 0) resolve();
			else
				reject(
					new Error(
						`${path.basename(cmd)} exited ${code}: ${output.trim().split('\n').slice(-6).join(' | ')}`,
					),
				);
		});
	});
}
