/**
 * The built package as n8n loads it in the end-to-end suite: a private copy of dist/ in a temp
 * folder, pointed at by N8N_CUSTOM_EXTENSIONS.
 *
 * Why a copy and not dist/ itself:
 * - dist/ is shared: any `npm run build` elsewhere in the repository (another check, the editor
 *   e2e, a developer) empties and refills it, and an n8n command starting meanwhile fails with
 *   "Unrecognized node type: CUSTOM.neteaseEmailAddressBook" (seen while the suite ran).
 * - Loaded from inside the repository, the package's `require('n8n-workflow')` finds the
 *   repository's devDependency (node_modules/n8n-workflow); loaded from outside it falls through
 *   to the copy n8n puts on NODE_PATH, n8n's own — as for an installed community package.
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { ProvidedN8n } from './n8n';

export const ENTRY_FILES = [
	'nodes/NeteaseEmail/AddressBook/NeteaseEmailAddressBook.node.js',
	'nodes/NeteaseEmail/AddressBook/NeteaseEmailAddressBookTrigger.node.js',
	'nodes/NeteaseEmail/Email/NeteaseEmail.node.js',
	'nodes/NeteaseEmail/Email/NeteaseEmailTrigger.node.js',
	'nodes/NeteaseEmail/Email/NeteaseEmailPushTrigger.node.js',
	'nodes/NeteaseEmail/Sso/NeteaseEmailSso.node.js',
	'nodes/NeteaseEmail/Logs/NeteaseEmailLogs.node.js',
	'nodes/NeteaseEmail/Logs/NeteaseEmailLogsTrigger.node.js',
	'nodes/NeteaseEmail/Settings/NeteaseEmailSettings.node.js',
	'nodes/NeteaseEmail/Settings/NeteaseEmailSettingsTrigger.node.js',
	'credentials/NeteaseEnterpriseEmailApi.credentials.js',
];

export interface ExtensionSnapshot {
	/** The folder for N8N_CUSTOM_EXTENSIONS (a copy of dist/, no node_modules anywhere above). */
	dir: string;
	/** Node type names and credential type names the entry files export, as loaded. */
	loaded: string;
	remove(): Promise<void>;
}

/** Runs `node -e script` with the given environment; resolves with exit code and output. */
function runNode(
	node: string,
	script: string,
	env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; out: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(node, ['-e', script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		child.stdout.on('data', (d: Buffer) => (out += d.toString()));
		child.stderr.on('data', (d: Buffer) => (out += d.toString()));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, out }));
	});
}

/**
 * Copies dist/ and checks that the copy loads under n8n's Node with n8n's modules: both entry
 * files are required and their classes instantiated. A copy taken while another build rewrites
 * dist/ fails that check; it is retried a few times before giving up.
 */
export async function snapshotDist(
	distDir: string,
	provided: ProvidedN8n,
): Promise<ExtensionSnapshot> {
	const root = await fs.mkdtemp(path.join(os.tmpdir(), 'n8n-e2e-extension-'));
	const dir = path.join(root, 'dist');
	const remove = () => fs.rm(root, { recursive: true, force: true });
	// node_modules of the n8n install: what n8n itself puts on NODE_PATH for custom extensions.
	const n8nModules = path.resolve(path.dirname(provided.n8n), '../..');
	const script = `
		const path = require('path');
		const names = [];
		for (const file of ${JSON.stringify(ENTRY_FILES)}) {
			const exported = require(path.join(${JSON.stringify(dir)}, file));
			for (const Class of Object.values(exported)) {
				const instance = new Class();
				names.push(instance.description ? instance.description.name : instance.name);
			}
		}
		console.log(names.join(', '));`;
	let problem = '';
	for (let attempt = 1; attempt <= 3; attempt++) {
		try {
			await fs.rm(dir, { recursive: true, force: true });
			await fs.cp(distDir, dir, { recursive: true });
			const { code, out } = await runNode(provided.node, script, {
				PATH: process.env.PATH,
				NODE_PATH: n8nModules,
			});
			if (code === 0) return { dir, loaded: out.trim(), remove };
			problem = out.trim().split('\n').slice(0, 3).join(' ');
		} catch (error) {
			problem = error instanceof Error ? error.message : String(error);
		}
		// Probably a build rewriting dist/ right now: give it a moment.
		if (attempt < 3) await new Promise((resolve) => setTimeout(resolve, 3_000));
	}
	await remove();
	throw new Error(`the copy of ${distDir} does not load (another build running?): ${problem}`);
}
