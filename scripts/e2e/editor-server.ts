/**
 * Helpers for the editor check (scripts/e2e/editor.ts) that scripts/e2e/n8n.ts and n8n-server.ts
 * do not have: installing Debian's Chromium, the owner account's data, and a private copy of dist/
 * for N8N_CUSTOM_EXTENSIONS.
 */
import { spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const CHROMIUM = '/usr/bin/chromium';

/** Flags these machines need for headless Chromium (see the environment notes). */
export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

function runInherit(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<number | null> {
	return new Promise((resolve, reject) => {
		console.log(`[editor] $ ${cmd} ${args.join(' ')}`);
		const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], env });
		child.on('error', reject);
		child.on('close', (code) => resolve(code));
	});
}

/** A font with Chinese glyphs, so department and account names render in the screenshots. */
const CJK_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

/**
 * Installs Debian's `chromium` package when /usr/bin/chromium is missing, and the Noto CJK fonts
 * when they are (needs root).
 */
export async function ensureChromium(): Promise<void> {
	const packages = [
		...(existsSync(CHROMIUM) ? [] : ['chromium']),
		...(existsSync(CJK_FONT) ? [] : ['fonts-noto-cjk']),
	];
	if (packages.length === 0) return;
	console.log(`[editor] installing Debian's ${packages.join(' and ')}`);
	if (typeof process.getuid === 'function' && process.getuid() !== 0) {
		throw new Error(
			`not root: install them with apt-get update && apt-get install -y ${packages.join(' ')}`,
		);
	}
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const update = await runInherit('apt-get', ['update'], env);
	if (update !== 0) throw new Error(`apt-get update exited ${update}`);
	const install = await runInherit(
		'apt-get',
		['install', '-y', '--no-install-recommends', ...packages],
		env,
	);
	if (install !== 0 || !existsSync(CHROMIUM)) {
		throw new Error(
			`apt-get install -y ${packages.join(' ')} exited ${install}; ${CHROMIUM} ${existsSync(CHROMIUM) ? 'exists' : 'is still missing'}`,
		);
	}
}

export const OWNER = {
	email: 'owner@example.com',
	firstName: 'Editor',
	lastName: 'Check',
	password: 'EditorCheck-Passw0rd',
};

/**
 * Copies the built package (dist/) to a new temp folder for N8N_CUSTOM_EXTENSIONS, so that another
 * `npm run build` (rimraf dist) running meanwhile cannot pull files from under the running n8n.
 * Retries while a concurrent build has left dist/ incomplete.
 */
export async function snapshotDist(dist: string, required: string[]): Promise<string> {
	for (let attempt = 1; ; attempt++) {
		const copy = await fs.mkdtemp(path.join(os.tmpdir(), 'n8n-editor-dist-'));
		try {
			await fs.cp(dist, copy, { recursive: true });
			const missing = required.filter((f) => !existsSync(path.join(copy, f)));
			if (missing.length === 0) return copy;
			throw new Error(`missing in ${dist}: ${missing.join(', ')}`);
		} catch (error) {
			await fs.rm(copy, { recursive: true, force: true });
			if (attempt >= 5)
				throw new Error(`could not copy a complete ${dist}: ${(error as Error).message}`);
			await new Promise((r) => setTimeout(r, 2_000));
		}
	}
}
