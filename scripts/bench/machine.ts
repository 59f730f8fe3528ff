/** The machine the benchmark ran on, printed with its results. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { ProvidedN8n } from '../e2e/n8n';

export interface Machine {
	cpu: string;
	cores: number;
	memoryGb: number;
	kernel: string;
	/** Node running this script and the sandbox. */
	benchNode: string;
	/** Node running n8n. */
	n8nNode: string;
	n8n: string;
	/** 1-minute load average when the benchmark started (other work on the machine skews timings). */
	loadAverage: number;
}

export function describeMachine(provided: ProvidedN8n): Machine {
	let cpu = os.cpus()[0]?.model ?? 'unknown';
	try {
		cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpu;
	} catch {
		// not Linux: os.cpus() it is
	}
	const packageJson = path.resolve(path.dirname(provided.n8n), '../package.json');
	const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string };
	return {
		cpu: cpu.trim(),
		cores: os.cpus().length,
		memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
		kernel: `${os.type()} ${os.release()}`,
		benchNode: process.version,
		n8nNode: execFileSync(provided.node, ['--version'], { encoding: 'utf8' }).trim(),
		n8n: version,
		loadAverage: loadAverage(),
	};
}

export const loadAverage = () => Math.round(os.loadavg()[0] * 100) / 100;

export function machineLine(machine: Machine): string {
	return `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB; ${machine.kernel}; n8n ${machine.n8n} on Node ${machine.n8nNode}, sandbox on Node ${machine.benchNode}; load average ${machine.loadAverage} at the start, ${loadAverage()} at the end`;
}
