/**
 * npm run fidelity -- DIR [--json] [--seed empty|demo] [--overrides JSON|FILE]
 *                         [--update-catalogue [--source TEXT] [--endpoints-dir DIR] [--readme FILE]]
 *
 * Diffs the sandbox against a recording of the real platform (sandbox/fidelity/diff.ts) and prints
 * the differences per endpoint and the to-do list. Exit code 0 when it ran (differences are
 * findings, not failures), 2 on bad usage or an unreadable recording.
 */
import { spawnSync } from 'node:child_process';
import { basename, join, resolve } from 'node:path';

import { markSeen, sourceProblem } from '../../sandbox/fidelity/catalogueUpdate';
import { diffRecording } from '../../sandbox/fidelity/diff';
import { readRecording, type RecordedExchange } from '../../sandbox/fidelity/recording';
import { buildReport } from '../../sandbox/fidelity/report';
import { parseArgs, USAGE, UsageError, type FidelityArgs } from './args';
import { reportText } from './print';

const ROOT = resolve(__dirname, '../..');
const ENDPOINTS_DIR = join(ROOT, 'nodes/NeteaseEmail/shared/transport/endpoints');

async function main(): Promise<number> {
	if (process.argv.includes('--help') || process.argv.includes('-h')) {
		console.log(USAGE);
		return 0;
	}
	let args: FidelityArgs;
	let exchanges: RecordedExchange[];
	try {
		args = parseArgs(process.argv.slice(2));
		exchanges = readRecording(args.dir);
		if (exchanges.length === 0) throw new UsageError(`${args.dir} holds no recorded exchange`);
	} catch (error) {
		console.error((error as Error).message);
		if (error instanceof UsageError) console.error(`\n${USAGE}`);
		return 2;
	}
	const source = args.source ?? `recording ${basename(resolve(args.dir))}`;
	const problem = args.updateCatalogue ? sourceProblem(source) : undefined;
	if (problem) {
		console.error(`--source "${source}" cannot be used: ${problem}`);
		return 2;
	}

	const results = await diffRecording(exchanges, { overrides: args.overrides, seed: args.seed });
	const report = buildReport(args.dir, results);
	console.log(args.json ? JSON.stringify(report, null, 2) : reportText(report));

	if (args.updateCatalogue) {
		const update = markSeen(report.todo.canBeMarkedSeen, {
			endpointsDir: args.endpointsDir ?? ENDPOINTS_DIR,
			source,
			readme: args.readme ?? join(ROOT, 'README.md'),
		});
		const written = update.files.filter((file) => file.endsWith('.ts'));
		if (written.length) formatWithPrettier(written);
		const log = args.json ? console.error : console.log;
		const marked = Object.keys(update.marked);
		log(`\nMarked seen (${source}): ${marked.join(', ') || 'nothing'}`);
		for (const file of update.files) log(`  wrote ${file}`);
		for (const line of update.problems) log(`  ${line}`);
	}
	return 0;
}

/** The edit is textual; prettier puts long lines back into the project's format. */
function formatWithPrettier(files: string[]): void {
	const prettier = spawnSync(
		process.execPath,
		[
			require.resolve('prettier/bin/prettier.cjs'),
			'--config',
			join(ROOT, '.prettierrc.js'),
			'--write',
			...files,
		],
		{ cwd: ROOT, encoding: 'utf8' },
	);
	if (prettier.status !== 0)
		console.error(`prettier could not format ${files.join(', ')}: ${prettier.stderr}`);
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
