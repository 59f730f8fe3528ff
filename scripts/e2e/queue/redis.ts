/**
 * A private Redis for n8n's queue: Debian's `redis-server` (installed with apt-get when missing, as
 * root, without starting the system-wide service the package would otherwise start), its own
 * redis.conf in a temp folder, run in the foreground on a free port of 127.0.0.1 with no
 * persistence, so the process this module spawns is redis-server itself. stop() ends exactly that
 * process (SIGTERM, SIGKILL after 5 s) and removes the folder; an 'exit' handler does the same if
 * the run ends without calling it.
 */
import { spawn } from 'node:child_process';
import { existsSync, promises as fs, rmSync } from 'node:fs';
import { connect } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

import { mustRun } from '../ldap/command';
import { freePort } from '../n8n';
import { superviseServer } from '../serverProcess';

export const REDIS_SERVER = '/usr/bin/redis-server';
const LOOPBACK = '127.0.0.1';
const APT_INSTALL = ['install', '-y', '--no-install-recommends', '-o', 'DPkg::Lock::Timeout=120'];
/** Debian's switch for "do not start services from package scripts" (exit 101 = refuse). */
const POLICY_RC_D = '/usr/sbin/policy-rc.d';

/** Installs redis-server unless it is there; resolves with the ms it took (0: present). */
export async function ensureRedis(): Promise<number> {
	if (existsSync(REDIS_SERVER)) return 0;
	const started = Date.now();
	if (typeof process.getuid === 'function' && process.getuid() !== 0) {
		throw new Error(
			'redis-server is missing and this is not root: install it with ' +
				'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y redis-server',
		);
	}
	console.error("[e2e:queue] installing Debian's redis-server");
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	// Without a policy the package starts a system-wide Redis on port 6379; this run only ever
	// uses its own. A policy already in place is left alone.
	const ownPolicy = !existsSync(POLICY_RC_D);
	if (ownPolicy) await fs.writeFile(POLICY_RC_D, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
	try {
		await mustRun('apt-get', ['update'], { env, timeoutMs: 300_000 });
		await mustRun('apt-get', [...APT_INSTALL, 'redis-server'], { env, timeoutMs: 600_000 });
	} finally {
		if (ownPolicy) await fs.rm(POLICY_RC_D, { force: true });
	}
	if (!existsSync(REDIS_SERVER))
		throw new Error(`installed redis-server, but ${REDIS_SERVER} is missing`);
	return Date.now() - started;
}

export interface RunningRedis {
	host: typeof LOOPBACK;
	port: number;
	pid: number;
	/** Milliseconds spent installing redis-server (0 when it was there). */
	installMs: number;
	/** One command; the reply as text (a number reply as its digits, nil as undefined). */
	command(args: string[]): Promise<string | undefined>;
	/** SIGTERM to this redis-server (SIGKILL after 5 s), then removes its folder; again: nothing. */
	stop(): Promise<void>;
}

/** Encodes a command in RESP and reads one reply (simple string, error, integer or bulk string). */
function resp(port: number, args: string[], timeoutMs = 5_000): Promise<string | undefined> {
	return new Promise((resolve, reject) => {
		const socket = connect({ host: LOOPBACK, port });
		let reply = '';
		const done = (error?: Error, value?: string) => {
			socket.destroy();
			if (error) reject(error);
			else resolve(value);
		};
		socket.setTimeout(timeoutMs, () => done(new Error(`redis ${args[0]}: no reply`)));
		socket.on('error', (error) => done(error));
		socket.on('connect', () =>
			socket.write(
				`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`,
			),
		);
		socket.on('data', (chunk: Buffer) => {
			reply += chunk.toString();
			const end = reply.indexOf('\r\n');
			if (end < 0) return;
			const [kind, head] = [reply[0], reply.slice(1, end)];
			if (kind === '+' || kind === ':') return done(undefined, head);
			if (kind === '-') return done(new Error(`redis ${args[0]}: ${head}`));
			if (kind !== '$') return done(new Error(`redis ${args[0]}: unexpected reply ${head}`));
			const length = Number(head);
			if (length < 0) return done(undefined, undefined);
			const body = reply.slice(end + 2);
			if (Buffer.byteLength(body) >= length + 2)
				done(undefined, Buffer.from(body).subarray(0, length).toString());
		});
	});
}

export async function startRedis(timeoutMs = 15_000): Promise<RunningRedis> {
	const installMs = await ensureRedis();
	const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'e2e-redis-'));
	const removeDir = () => rmSync(dir, { recursive: true, force: true });
	const port = await freePort();
	const config = path.join(dir, 'redis.conf');
	await fs.writeFile(
		config,
		[
			`port ${port}`,
			`bind ${LOOPBACK}`,
			'protected-mode yes',
			'daemonize no',
			`dir ${dir}`,
			'save ""',
			'appendonly no',
			'logfile ""',
			'databases 1',
		].join('\n') + '\n',
	);
	const child = spawn(REDIS_SERVER, [config], { stdio: ['ignore', 'pipe', 'pipe'] });
	const server = superviseServer(child, {
		signal: 'SIGTERM',
		graceMs: 5_000,
		cleanUp: () => fs.rm(dir, { recursive: true, force: true }),
		cleanUpNow: removeDir,
	});
	const { stop } = server;

	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (server.exited() !== undefined || child.pid === undefined || Date.now() > deadline) {
			await stop();
			const why =
				server.exited() !== undefined
					? `exited ${server.exited()}`
					: `not answering after ${timeoutMs} ms`;
			throw new Error(
				`redis-server ${why}: ${server.output().trim().split('\n').slice(-5).join(' | ')}`,
			);
		}
		const pong = await resp(port, ['PING'], 1_000).catch(() => undefined);
		if (pong === 'PONG') break;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return {
		host: LOOPBACK,
		port,
		pid: child.pid!,
		installMs,
		command: (args) => resp(port, args),
		stop,
	};
}
