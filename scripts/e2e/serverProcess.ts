/**
 * A server process a script started and must stop: its output kept for error messages, how it
 * exited, and a stop() that ends exactly that process (`signal`, SIGKILL after `graceMs`) and then
 * runs `cleanUp`. An 'exit' handler kills it and runs `cleanUpNow` if the run ends without stop().
 */
import type { ChildProcess } from 'node:child_process';

export interface ServerProcess {
	output(): string;
	/** How it exited (code or signal), undefined while it runs. */
	exited(): string | undefined;
	stop(): Promise<void>;
}

export function superviseServer(
	child: ChildProcess,
	opts: {
		signal: NodeJS.Signals;
		graceMs: number;
		cleanUp: () => Promise<void>;
		cleanUpNow: () => void;
	},
): ServerProcess {
	let output = '';
	child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
	child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
	child.on('error', (error) => (output += `\n${error.message}`));
	let exited: string | undefined;
	const closed = new Promise<void>((resolve) =>
		child.on('close', (code, signal) => {
			exited = String(code ?? signal);
			resolve();
		}),
	);
	const killNow = () => {
		if (exited === undefined && child.pid !== undefined) child.kill('SIGKILL');
		opts.cleanUpNow();
	};
	process.once('exit', killNow);
	let stopped = false;
	return {
		output: () => output,
		exited: () => exited,
		async stop() {
			if (stopped) return;
			stopped = true;
			process.off('exit', killNow);
			if (exited === undefined && child.pid !== undefined) {
				child.kill(opts.signal);
				const timer = setTimeout(() => child.kill('SIGKILL'), opts.graceMs);
				await closed;
				clearTimeout(timer);
			}
			await opts.cleanUp();
		},
	};
}
