// n8n's package scanner (@n8n/scan-community-package, pinned) run on local folders, as
// test/docs/scanner.test.ts needs it: the scanner is an ES module, which jest's CommonJS runtime
// cannot import, so the test runs this file with node.
//
//   node test/support/scan.mjs <source folder> <unpacked tarball folder>
//
// Prints one JSON array: for each leg, the folder and analyzePackage's result. The source leg lints
// what n8n lints in the attested source checkout (SOURCE_FILE_PATTERNS). The tarball leg calls
// analyzePackage with its defaults (every .js, .ts and .json file): a superset of the `**/*.js` +
// `package.json` n8n's registry scan lints in the published tarball. ESLint picks the rules per
// file, so each file gets the same rules either way: whatever fails n8n's leg fails this one.
import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const [source, tarball] = process.argv.slice(2);
if (!source || !tarball) {
	console.error('usage: node test/support/scan.mjs <source folder> <unpacked tarball folder>');
	process.exit(2);
}

const legs = [
	{ leg: 'source', dir: source, scan: () => analyzePackage(source, SOURCE_FILE_PATTERNS) },
	{ leg: 'tarball', dir: tarball, scan: () => analyzePackage(tarball) },
];
const results = [];
for (const { leg, dir, scan } of legs) {
	const { passed, message, details } = await scan();
	results.push({ leg, dir, passed, message, details });
}
process.stdout.write(JSON.stringify(results));
