/** The command line of `npm run fidelity`. */
import { existsSync, readFileSync } from 'node:fs';

import type { SeedName } from '../../sandbox';

export const USAGE = `Usage: npm run fidelity -- DIR [options]

Sends every request of the recording in DIR (made with npm run sandbox -- --proxy … --record DIR)
to a fresh sandbox and reports, per endpoint, where the sandbox's answer differs from the real one
and where the catalogue or request field names differ from what the real platform accepted.

Options:
  --json                 machine-readable report on stdout
  --seed empty|demo      the sandbox's starting organisation (default empty)
  --overrides JSON|FILE  the credential's Endpoint Path Overrides used while recording
  --update-catalogue     mark the inferred endpoints the real platform answered with code 0 as
                         seen, in the endpoint files and the README's endpoint table
  --source TEXT          where they were seen (default: "recording <DIR's folder name>")
  --endpoints-dir DIR    the endpoint files to update (default: the package's own)
  --readme FILE          the README to update (default: the package's own)

Exit code 0 when it ran (differences are findings), 2 on bad usage or an unreadable recording.`;

export interface FidelityArgs {
	dir: string;
	json: boolean;
	seed: SeedName;
	overrides: Record<string, string>;
	updateCatalogue: boolean;
	source?: string;
	endpointsDir?: string;
	readme?: string;
}

export class UsageError extends Error {}

const VALUED = new Set(['--seed', '--overrides', '--source', '--endpoints-dir', '--readme']);
const FLAGS = new Set(['--json', '--update-catalogue']);

export function parseArgs(argv: string[]): FidelityArgs {
	const positional: string[] = [];
	const values: Record<string, string> = {};
	const flags = new Set<string>();
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (FLAGS.has(arg)) flags.add(arg);
		else if (VALUED.has(arg)) {
			if (i + 1 >= argv.length) throw new UsageError(`${arg} needs a value`);
			values[arg] = argv[++i];
		} else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
		else positional.push(arg);
	}
	if (positional.length !== 1) throw new UsageError('give exactly one recording folder');
	const seed = values['--seed'] ?? 'empty';
	if (seed !== 'empty' && seed !== 'demo') throw new UsageError('--seed must be empty or demo');
	return {
		dir: positional[0],
		json: flags.has('--json'),
		seed,
		overrides: parseOverrides(values['--overrides']),
		updateCatalogue: flags.has('--update-catalogue'),
		source: values['--source'],
		endpointsDir: values['--endpoints-dir'],
		readme: values['--readme'],
	};
}

/** The overrides as JSON text or a JSON file. */
function parseOverrides(raw: string | undefined): Record<string, string> {
	if (raw === undefined) return {};
	const text = existsSync(raw) ? readFileSync(raw, 'utf8') : raw;
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		throw new UsageError('--overrides must be a JSON object or a file holding one');
	}
	if (
		typeof value !== 'object' ||
		value === null ||
		Array.isArray(value) ||
		!Object.values(value).every((path) => typeof path === 'string')
	)
		throw new UsageError('--overrides must map endpoint keys to paths');
	return value as Record<string, string>;
}
