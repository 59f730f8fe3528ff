/**
 * tsx scripts/bench/profile.ts <file.cpuprofile> [--within prepare] [--functions a,b] [--top 25]
 *
 * Sums up a V8 CPU profile (e.g. from `npm run bench -- --runs c --cpu-prof DIR`): the time spent
 * inside `--within` (a function name: its samples only), split by the `--functions` named (time
 * inside each, nested calls counted once), then the functions with the most self time there,
 * with their file. Milliseconds of CPU samples, not wall time.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}

interface CpuProfile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

function text(name: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index === -1 ? undefined : process.argv[index + 1];
}

const file = process.argv[2];
if (!file || file.startsWith('--')) {
	console.error('usage: tsx scripts/bench/profile.ts <file.cpuprofile> [--within name] …');
	process.exit(2);
}
const within = text('within');
const functions = (text('functions') ?? '').split(',').filter(Boolean);
const top = Number(text('top') ?? 25);

const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes)
	for (const child of node.children ?? []) parentOf.set(child, node.id);

/** The names of the sample's stack, innermost first. */
function stack(id: number): ProfileNode[] {
	const frames: ProfileNode[] = [];
	for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at))
		frames.push(byId.get(at)!);
	return frames;
}

const label = (node: ProfileNode) =>
	`${node.callFrame.functionName || '(anonymous)'} ${path.basename(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;

let totalMs = 0;
let withinMs = 0;
const insideMs = new Map(functions.map((name) => [name, 0]));
const selfMs = new Map<string, number>();
profile.samples.forEach((id, n) => {
	const ms = (profile.timeDeltas[n] ?? 0) / 1000;
	totalMs += ms;
	const frames = stack(id);
	if (within && !frames.some((frame) => frame.callFrame.functionName === within)) return;
	withinMs += ms;
	for (const name of functions)
		if (frames.some((frame) => frame.callFrame.functionName === name))
			insideMs.set(name, insideMs.get(name)! + ms);
	const own = label(frames[0]);
	selfMs.set(own, (selfMs.get(own) ?? 0) + ms);
});

const round = (ms: number) => Math.round(ms);
console.log(
	`profile ${round(totalMs)} ms${within ? `, inside ${within}() ${round(withinMs)} ms` : ''}`,
);
for (const [name, ms] of insideMs) console.log(`  inside ${name}(): ${round(ms)} ms`);
console.log(`most self time${within ? ` inside ${within}()` : ''}:`);
for (const [name, ms] of [...selfMs].sort((a, b) => b[1] - a[1]).slice(0, top))
	console.log(`  ${String(round(ms)).padStart(6)} ms  ${name}`);
