/**
 * The package as `npm publish` would ship it, for the pack and scanner tests.
 *
 * Built from the files on disk (what `git ls-files` lists plus untracked, not ignored files: a
 * fresh clone with the working changes) into a private folder with `npm run build`, never into
 * the repository's dist/: that one is shared, another build may be emptying it right now, and it
 * may be stale. The copy borrows the repository's node_modules through a symlink.
 *
 * Cached under the OS temp folder by a hash of those files, so the test files of one run (and
 * later runs with nothing changed) share one build; a change to a file the package is built,
 * packed or scanned from, or a file added or removed anywhere, means a new build.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '../..');
const CACHE = path.join(os.tmpdir(), 'n8n-nodes-netease-packed');
const STALE_AFTER_MS = 60 * 60_000;

/** Runs a command and returns its stdout; throws with its output when it exits non-zero. */
export function run(command: string, args: string[], cwd: string): string {
	const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	if (result.status !== 0)
		throw new Error(
			`${command} ${args.join(' ')} in ${cwd} exited ${result.status ?? result.signal}:\n${result.stdout}\n${result.stderr}`,
		);
	return result.stdout;
}

/** Repository files as a fresh clone with the working changes would have them. */
function sourceFiles(): string[] {
	return run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], REPO)
		.split('\0')
		.filter((file) => file && existsSync(path.join(REPO, file)))
		.sort();
}

/**
 * Folders the build, `npm pack` (with package.json's `files`) and the scanner never read. Their
 * file names count towards the cache key (a stray file there would ship if `files` let it), their
 * contents do not: editing a test reuses the build.
 */
const NOT_PACKAGED = /^(test|sandbox|scripts|examples|docs|\.github|\.ci)\//;

function hashOf(files: string[]): string {
	const hash = createHash('sha256');
	for (const file of files) {
		hash.update(`${file}\0`);
		if (!NOT_PACKAGED.test(file)) hash.update(readFileSync(path.join(REPO, file)));
	}
	return hash.digest('hex').slice(0, 16);
}

/**
 * The folder of a built copy of the repository (its `dist/` freshly built); builds it unless a
 * copy of the same files is cached.
 */
export async function builtCopy(): Promise<string> {
	const files = sourceFiles();
	const dir = path.join(CACHE, hashOf(files));
	if (existsSync(path.join(dir, '.built'))) return dir;

	await fs.mkdir(CACHE, { recursive: true });
	await pruneStaleCopies();
	const scratch = await fs.mkdtemp(path.join(CACHE, 'building-'));
	for (const file of files) {
		await fs.mkdir(path.dirname(path.join(scratch, file)), { recursive: true });
		await fs.copyFile(path.join(REPO, file), path.join(scratch, file));
	}
	await fs.symlink(path.join(REPO, 'node_modules'), path.join(scratch, 'node_modules'), 'dir');
	run('npm', ['run', 'build'], scratch);
	await fs.writeFile(path.join(scratch, '.built'), new Date().toISOString());
	try {
		await fs.rename(scratch, dir);
	} catch {
		// Another test file built the same files meanwhile: use that one.
		await fs.rm(scratch, { recursive: true, force: true });
	}
	return dir;
}

async function pruneStaleCopies(): Promise<void> {
	for (const entry of await fs.readdir(CACHE)) {
		const folder = path.join(CACHE, entry);
		const { mtimeMs } = await fs.stat(folder);
		if (Date.now() - mtimeMs > STALE_AFTER_MS)
			await fs.rm(folder, { recursive: true, force: true });
	}
}

export interface PackedFile {
	path: string;
	size: number;
}

/** `npm pack --dry-run --json` in the built copy: what `npm publish` would upload. */
export function packList(copy: string): PackedFile[] {
	const [packed] = JSON.parse(run('npm', ['pack', '--dry-run', '--json'], copy)) as Array<{
		files: PackedFile[];
	}>;
	return packed.files;
}

/** `npm pack` in the built copy, the tarball unpacked as n8n's scanner unpacks it. */
export async function unpackedTarball(copy: string): Promise<string> {
	const out = path.join(copy, '.packed');
	if (existsSync(path.join(out, 'package', 'package.json'))) return path.join(out, 'package');
	const scratch = await fs.mkdtemp(path.join(copy, 'packing-'));
	const [packed] = JSON.parse(
		run('npm', ['pack', '--json', '--pack-destination', scratch], copy),
	) as Array<{ filename: string }>;
	await fs.mkdir(path.join(scratch, 'package'));
	run('tar', ['-xzf', packed.filename, '-C', 'package', '--strip-components=1'], scratch);
	try {
		await fs.rename(scratch, out);
	} catch {
		await fs.rm(scratch, { recursive: true, force: true });
	}
	return path.join(out, 'package');
}
