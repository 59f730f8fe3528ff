/**
 * What `npm publish` uploads (`npm pack --dry-run --json` on a fresh build, test/support/packed.ts):
 * what n8n loads and a user reads, nothing else.
 *
 * - every node's .node.js and codex .node.json, the credential, the icons;
 * - README.md, LICENSE, package.json;
 * - no tests, sandbox, scripts or examples (those stay in the repository);
 * - no build leftovers: tsconfig.json does not emit a tsbuildinfo (`incremental`), a dist/package.json
 *   (it used to `include` package.json), declarations or source maps. n8n needs no .d.ts, and the
 *   scanner's default patterns lint a shipped .d.ts under file-name rules written for sources. The
 *   maps would point at .ts sources the tarball does not hold, and n8n does not run with source maps.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

import type { PackedFile } from '../support/packed';
import { builtCopy, packList } from '../support/packed';

const BUILD_AND_PACK_MS = 180_000;

interface Manifest {
	n8n: { nodes: string[]; credentials: string[] };
}

/** The .ts source a shipped dist/….js was compiled from. */
const sourceOf = (file: string) => file.replace(/^dist\//, '').replace(/\.js$/, '.ts');

describe('npm pack', () => {
	let copy = '';
	let pkg: Manifest;
	let files: PackedFile[] = [];
	let shipped: string[] = [];

	beforeAll(async () => {
		copy = await builtCopy();
		pkg = JSON.parse(readFileSync(path.join(copy, 'package.json'), 'utf8')) as Manifest;
		files = packList(copy);
		shipped = files.map((file) => file.path).sort();
	}, BUILD_AND_PACK_MS);

	test("ships every node's entry file and codex, the credential, icons and the docs", () => {
		const icons = readdirSync(path.join(copy, 'icons')).map((icon) => `dist/icons/${icon}`);
		const expected = [
			...pkg.n8n.nodes,
			...pkg.n8n.nodes.map((node) => node.replace(/\.js$/, '.json')),
			...pkg.n8n.credentials,
			...icons,
			'README.md',
			'LICENSE',
			'package.json',
		];
		expect(expected.filter((file) => !shipped.includes(file))).toEqual([]);
	});

	test('ships only compiled node and credential code, codex files and icons besides the docs', () => {
		const unexpected = shipped.filter(
			(file) =>
				!['README.md', 'LICENSE', 'package.json'].includes(file) &&
				!/^dist\/(nodes|credentials)\/.+\.js$/.test(file) &&
				!/^dist\/nodes\/.+\.node\.json$/.test(file) &&
				!/^dist\/icons\/[^/]+\.svg$/.test(file),
		);
		expect(unexpected).toEqual([]);
	});

	test('has no declarations, source maps, build info, tests, sandbox or scripts', () => {
		const leftovers = shipped.filter((file) =>
			/\.d\.ts$|\.map$|tsbuildinfo|^dist\/package\.json$|\.test\.|(^|\/)(test|tests|__tests__|sandbox|scripts|examples)\//.test(
				file,
			),
		);
		expect(leftovers).toEqual([]);
	});

	test('every shipped script is compiled from a node or credential source', () => {
		const orphans = shipped
			.filter((file) => file.endsWith('.js'))
			.filter(
				(file) =>
					!readdirSync(path.dirname(path.join(copy, sourceOf(file)))).includes(
						path.basename(sourceOf(file)),
					),
			);
		expect(orphans).toEqual([]);
	});

	test('stays small', () => {
		const bytes = files.reduce((sum, file) => sum + file.size, 0);
		expect(bytes).toBeLessThan(5 * 1024 * 1024);
	});
});
