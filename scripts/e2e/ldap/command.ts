/** Runs a program to completion, capturing its output (asynchronous: the suite serves HTTP meanwhile). */
import { spawn } from 'node:child_process';

export interface CommandOutcome {
	code: number | null;
	/** stdout and stderr, interleaved. */
	output: string;
}

export function runCommand(
	cmd: string,
	args: string[],
	opts: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number } = {},
): Promise<CommandOutcome> {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { env: opts.env ?? process.env, stdio: 'pipe' });
		let output = '';
		child.stdout.on('data', (d: Buffer) => (output += d.toString()));
		child.stderr.on('data', (d: Buffer) => (output += d.toString()));
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			output += `\n[ldap] ${cmd} killed after ${opts.timeoutMs} ms`;
		}, opts.timeoutMs ?? 30_000);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({ code, output });
		});
		// A program that exits without reading its input makes the write fail with EPIPE; its exit
		// code and output tell what happened.
		child.stdin.on('error', () => undefined);
		child.stdin.end(opts.input ?? '');
	});
}

/** Runs a program that has to exit 0; throws with the end of its output otherwise. */
export async function mustRun(
	cmd: string,
	args: string[],
	opts: Parameters<typeof runCommand>[2] = {},
): Promise<string> {
	const { code, output } = await runCommand(cmd, args, opts);
	if (code !== 0) {
		const last = output.trim().split('\n').slice(-8).join('\n');
		throw new Error(`${cmd} ${args[0] ?? ''} exited ${code}:\n${last}`);
	}
	return output;
}
