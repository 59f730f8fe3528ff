/**
 * n8n's package scanner (@n8n/scan-community-package, pinned in devDependencies) over this
 * package, both lint legs n8n's verification runs: `analyzePackage(dir, SOURCE_FILE_PATTERNS)` on
 * the source as committed (node and credential sources and package.json) and `analyzePackage(dir)`
 * on the unpacked tarball `npm pack` makes (test/support/scan.mjs). n8n fails a package on any
 * ESLint error in either leg; warnings do not fail it. The provenance step of the real scan needs
 * a published version, so it is left to `npx @n8n/scan-community-package <name>@<version>` after a
 * release (.github/workflows/release.yml runs it).
 *
 * The package is built from the files on disk into a private copy (test/support/packed.ts), so
 * this needs no prior `npm run build` and never reads a stale dist/.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';

import { builtCopy, REPO, unpackedTarball } from '../support/packed';

interface LegResult {
	leg: 'source' | 'tarball';
	dir: string;
	passed: boolean;
	message?: string;
	details?: string;
}

const BUILD_AND_SCAN_MS = 180_000;

/** The scanner makes a temp folder on import and leaves it: keep it inside the cached copy. */
function scanEnv(copy: string): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: path.join(copy, '.scan-tmp') };
	delete env.NODE_ENV;
	mkdirSync(String(env.TMPDIR), { recursive: true });
	return env;
}

describe("n8n's community package scanner", () => {
	let legs: LegResult[] = [];

	beforeAll(async () => {
		const copy = await builtCopy();
		const tarball = await unpackedTarball(copy);
		const scan = spawnSync(
			process.execPath,
			[path.join(REPO, 'test/support/scan.mjs'), copy, tarball],
			// Not jest's NODE_ENV=test: eslint-plugin-n8n-nodes-base then treats every file as
			// Test.node.ts and reports errors that n8n's scan would not.
			{ cwd: REPO, env: scanEnv(copy), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
		);
		if (scan.status !== 0)
			throw new Error(`scan.mjs exited ${scan.status ?? scan.signal}:\n${scan.stderr}`);
		legs = JSON.parse(scan.stdout) as LegResult[];
	}, BUILD_AND_SCAN_MS);

	test.each(['source', 'tarball'])('finds no error in the %s', (name) => {
		const leg = legs.find((result) => result.leg === name);
		expect(leg).toBeDefined();
		// "No files found to analyze" passes in the scanner; here it means the leg linted nothing.
		expect({ leg: name, message: leg?.message, details: leg?.details }).toEqual({
			leg: name,
			message: undefined,
			details: undefined,
		});
		expect(leg?.passed).toBe(true);
	});
});
