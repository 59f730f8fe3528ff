/**
 * Editor check (`npm run e2e:editor`, not part of CI): loads the built package into a real n8n
 * 2.40.5 (`n8n start` on a free loopback port, fresh user folder, N8N_CUSTOM_EXTENSIONS = a copy of
 * dist/ taken at start, so that a concurrent `npm run build` cannot delete files from under it),
 * then drives its editor in headless Debian Chromium with playwright-core:
 *
 *   1. creates the owner account (POST /rest/owner/setup) and opens a new workflow;
 *   2. adds the NetEase Email Address Book node through the node creator (search "NetEase", pick the
 *      node, pick "Get many accounts"), which opens its parameter panel;
 *   3. opens the Resource list and saves artifacts/editor.png;
 *   4. opens the credential from the panel (artifacts/editor-credential.png);
 *   5. closes the panel and saves the canvas with the node to artifacts/editor-canvas.png.
 *
 * If the node creator cannot add the node, the check falls back to saving a workflow that contains
 * the node through the REST API and opening it, so that the remaining checks still run (the node
 * creator checks fail all the same). Prints ok/FAIL per check and `N passed, M failed` last; exits
 * non-zero on failure. Everything stays on 127.0.0.1: the browser aborts any other request.
 * E2E_EDITOR_PATH=import skips the node creator and takes the fallback path directly.
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { chromium, selectors, type Browser, type Locator, type Page } from 'playwright-core';

import { createN8nSession, provideN8n, type N8nSession } from './n8n';
import { CHROMIUM, CHROMIUM_ARGS, ensureChromium, OWNER, snapshotDist } from './editor-server';
import { serverEnv, startN8n, tail, type RunningN8n } from './n8n-server';

const ROOT = path.resolve(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');
/** What the copy of dist/ given to n8n must contain (another build may be rewriting dist/). */
const DIST_FILES = [
	'nodes/NeteaseEmail/AddressBook/NeteaseEmailAddressBook.node.js',
	'nodes/NeteaseEmail/AddressBook/NeteaseEmailAddressBook.node.json',
	'credentials/NeteaseEnterpriseEmailApi.credentials.js',
	'icons/netease.svg',
	'icons/netease.dark.svg',
];
const ARTIFACTS = path.join(ROOT, 'artifacts');
const NODE_TYPE = 'CUSTOM.neteaseEmailAddressBook';
const NODE_NAME = 'NetEase Email Address Book';
const CREDENTIAL_NAME = 'NetEase Enterprise Email API';
const ACTION = 'Get many accounts';
/** Hard limit for the whole check; n8n and the browser are stopped when it is reached. */
const OVERALL_TIMEOUT_MS = 240_000;

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
const step = (msg: string) => console.log(`[editor] ${elapsed()} ${msg}`);

interface Check {
	name: string;
	ok: boolean;
	detail?: string;
}
const checks: Check[] = [];
function check(name: string, ok: boolean, detail?: string): boolean {
	checks.push({ name, ok, detail });
	console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
	return ok;
}

const warnings: string[] = [];
/** Something worth a look that does not fail the check. */
function warn(message: string): void {
	warnings.push(message);
	console.log(`warn ${message}`);
}

/** Runs one step; a thrown error becomes a failed check instead of ending the run. */
async function attempt<T>(name: string, fn: () => Promise<T>): Promise<T | undefined> {
	try {
		return await fn();
	} catch (error) {
		check(name, false, (error as Error).message.split('\n')[0]);
		return undefined;
	}
}

/**
 * Whether the n8n node icon (`.n8n-node-icon`) inside `container` shows a loaded <img> with a real
 * picture (or an inline <svg>, as n8n draws built-in icons).
 */
async function iconState(container: Locator): Promise<{ ok: boolean; detail: string }> {
	await container.waitFor({ timeout: 10_000 });
	const nodeIcon = container.locator('.n8n-node-icon').first();
	if ((await nodeIcon.count()) === 0) return { ok: false, detail: 'no .n8n-node-icon element' };
	const img = nodeIcon.locator('img').first();
	if ((await img.count()) > 0) {
		// give a just-inserted image a moment to finish loading
		await img
			.evaluate(
				(el: HTMLImageElement) =>
					el.complete ||
					new Promise((resolve) => {
						el.addEventListener('load', resolve, { once: true });
						el.addEventListener('error', resolve, { once: true });
						setTimeout(resolve, 5_000);
					}),
			)
			.catch(() => undefined);
		const state = await img.evaluate((el: HTMLImageElement) => ({
			src: el.getAttribute('src') ?? '',
			complete: el.complete,
			width: el.naturalWidth,
			height: el.naturalHeight,
		}));
		return {
			ok: state.complete && state.width > 0 && state.height > 0,
			detail: `<img src="${state.src}"> ${state.complete ? `${state.width}x${state.height}` : 'not loaded'}`,
		};
	}
	const svg = nodeIcon.locator('svg').first();
	if ((await svg.count()) > 0) return { ok: true, detail: 'inline <svg>' };
	const fallback = (await nodeIcon.innerText().catch(() => '')).trim();
	return {
		ok: false,
		detail: `no <img> or <svg> in the node icon${fallback ? ` (shows "${fallback}")` : ''}`,
	};
}

/** Visible texts of the open dropdown's options (element-plus select poppers). */
async function visibleOptions(page: Page): Promise<string[]> {
	const items = page.locator('.el-select-dropdown__item:visible, [role="option"]:visible');
	await items.first().waitFor({ timeout: 10_000 });
	return (await items.allInnerTexts()).map((t) => t.trim().split('\n')[0].trim()).filter(Boolean);
}

/** Clicks the option of the open dropdown whose headline is exactly `name` (not its description). */
async function pickOption(page: Page, name: string): Promise<void> {
	const exact = new RegExp(`^\\s*${name}\\s*$`);
	const items = page.locator('.el-select-dropdown__item:visible');
	const byHeadline = items.filter({ has: page.locator('.option-headline', { hasText: exact }) });
	await byHeadline
		.or(items.filter({ hasText: exact }))
		.first()
		.click();
}

/** Closes modals that n8n may show over a fresh editor (surveys, announcements). */
async function dismissModals(page: Page): Promise<void> {
	for (let i = 0; i < 3; i++) {
		const dialogs = page.locator(
			'.el-overlay:visible [role="dialog"]:visible, .el-overlay-dialog:visible',
		);
		if ((await dialogs.count()) === 0) return;
		const close = dialogs
			.first()
			.locator('.el-dialog__headerbtn, [aria-label="Close"], [data-test-id$="close-button"]');
		if ((await close.count()) > 0)
			await close
				.first()
				.click({ timeout: 2_000 })
				.catch(() => undefined);
		else await page.keyboard.press('Escape');
		await page.waitForTimeout(300);
	}
}

async function openNewWorkflow(page: Page, baseUrl: string, url = '/workflow/new'): Promise<void> {
	const nodeTypes = page.waitForResponse((r) => r.url().includes('/types/nodes.json') && r.ok(), {
		timeout: 60_000,
	});
	await page.goto(`${baseUrl}${url}`);
	await nodeTypes;
	await page.getByTestId('canvas').waitFor({ timeout: 30_000 });
	await page.waitForTimeout(500);
	await dismissModals(page);
}

/** Node creator: search "NetEase" (retyping if the node list was still loading). */
async function searchNode(page: Page): Promise<Locator> {
	const item = page
		.getByTestId('node-creator-item-name')
		.filter({ hasText: new RegExp(`^${NODE_NAME}$`) });
	for (let tries = 1; ; tries++) {
		if (!(await page.getByTestId('node-creator-search-bar').isVisible())) {
			const add = page.getByTestId('canvas-add-button');
			await ((await add.isVisible()) ? add : page.getByTestId('node-creator-plus-button')).click();
		}
		const search = page.getByTestId('node-creator-search-bar');
		await search.fill('');
		await search.pressSequentially('NetEase', { delay: 40 });
		try {
			await item.first().waitFor({ timeout: 8_000 });
			return item.first();
		} catch (error) {
			if (tries >= 3) throw error;
			await page.keyboard.press('Escape');
			await page.waitForTimeout(1_000);
		}
	}
}

/** The UI path: node creator → node → action. Returns true when the parameter panel opened. */
async function addThroughNodeCreator(page: Page): Promise<boolean> {
	const item = await attempt('node creator search "NetEase" lists the node', () =>
		searchNode(page),
	);
	if (!item) return false;
	const row = page.getByTestId('item-iterator-item').filter({ has: item });
	const description = (
		await row.first().getByTestId('node-creator-item-description').innerText()
	).trim();
	check('node creator search "NetEase" lists the node', true, `"${NODE_NAME}": "${description}"`);
	const icon = await iconState(row.first());
	check('node icon loads in the node creator', icon.ok, icon.detail);

	await item.click();
	const actionItems = page.getByTestId('node-creator-item-name');
	const action = actionItems.filter({ hasText: new RegExp(`^${ACTION}$`) });
	const shown = await attempt('node creator lists the node actions', async () => {
		await action.first().waitFor({ timeout: 10_000 });
		return actionItems.allInnerTexts();
	});
	if (!shown) return false;
	const actions = shown.map((t) => t.trim());
	const accountActions = actions.filter((a) => /\baccounts?\b/i.test(a));
	const departmentActions = actions.filter((a) => /\bdepartments?\b/i.test(a));
	check(
		'node creator lists the node actions',
		accountActions.length > 0 && departmentActions.length > 0,
		`${accountActions.length} account and ${departmentActions.length} department actions`,
	);
	await action.first().click();
	const opened = await attempt('adding the node opens its parameter panel', async () => {
		await page.getByTestId('parameter-input-resource').waitFor({ timeout: 15_000 });
		return true;
	});
	if (opened) check('adding the node opens its parameter panel', true, `action "${ACTION}"`);
	return opened === true;
}

/** Fallback path: save a workflow containing the node through the REST API and open it. */
async function addThroughImport(page: Page, baseUrl: string, browserId: string): Promise<boolean> {
	const res = await page.context().request.post(`${baseUrl}/rest/workflows`, {
		headers: { 'browser-id': browserId },
		data: {
			name: 'Editor check (imported)',
			active: false,
			settings: {},
			connections: {},
			nodes: [
				{
					id: randomUUID(),
					name: NODE_NAME,
					type: NODE_TYPE,
					typeVersion: 1,
					position: [0, 0],
					parameters: { resource: 'account', operation: 'getAll' },
				},
			],
		},
	});
	const body = (await res.json().catch(() => ({}))) as { data?: { id?: string } };
	if (
		!check(
			'fallback: workflow with the node saved through the REST API',
			res.ok() && !!body.data?.id,
			`HTTP ${res.status()}`,
		)
	) {
		return false;
	}
	await openNewWorkflow(page, baseUrl, `/workflow/${body.data!.id}`);
	const node = page.locator(`[data-test-id="canvas-node"][data-node-type="${NODE_TYPE}"]`);
	await node.first().dblclick();
	const opened = await attempt('fallback: imported node opens its parameter panel', async () => {
		await page.getByTestId('parameter-input-resource').waitFor({ timeout: 15_000 });
		return true;
	});
	return opened === true;
}

async function checkPanel(page: Page): Promise<void> {
	const ndv = page.getByTestId('ndv');
	const header = await iconState(ndv.getByTestId('node-title-container').locator('..'));
	check('node icon loads in the parameter panel header', header.ok, header.detail);

	const docs = ndv.locator('a', { hasText: /^\s*Docs\s*$/ });
	const docsHref = (await docs.count()) > 0 ? await docs.first().getAttribute('href') : null;
	check(
		'panel "Docs" link points at the package documentation (codex)',
		!!docsHref && docsHref.includes('n8n-nodes-netease-enterprise-email'),
		docsHref ?? 'no Docs link',
	);
	if (docsHref && /#[^?]*\?/.test(docsHref)) {
		warn(
			`the panel "Docs" link has n8n's ?utm_… query appended after the codex URL's #fragment (${docsHref.split('?')[0]}), so the anchor no longer matches`,
		);
	}

	await page.getByTestId('parameter-input-resource').click();
	const options = await attempt('Resource options include Account and Department', () =>
		visibleOptions(page),
	);
	if (options) {
		check(
			'Resource options include Account and Department',
			options.includes('Account') && options.includes('Department'),
			options.join(', '),
		);
	}
	await page.waitForTimeout(300); // let the dropdown finish its opening animation
	await page.screenshot({ path: path.join(ARTIFACTS, 'editor.png') });
	step('saved artifacts/editor.png');
	await page.keyboard.press('Escape');
	await page.waitForTimeout(300);

	const operation =
		(await page
			.getByTestId('parameter-input-operation')
			.locator('input')
			.inputValue()
			.catch(() => '')) || '?';
	const resource =
		(await page
			.getByTestId('parameter-input-resource')
			.locator('input')
			.inputValue()
			.catch(() => '')) || '?';
	check(
		'panel shows the chosen action',
		resource === 'Account' && /get many/i.test(operation),
		`Resource "${resource}", Operation "${operation}"`,
	);

	// the Operation list of each resource, printed for a human look at the option names
	for (const res of ['Department', 'Account']) {
		await page.getByTestId('parameter-input-resource').click();
		await pickOption(page, res);
		await page.getByTestId('parameter-input-operation').click();
		const ops = await visibleOptions(page);
		await page.keyboard.press('Escape');
		await page.waitForTimeout(200);
		check(`Operation options listed for ${res}`, ops.length > 1, ops.join(', '));
	}
	// back on Account, whose default operation is selected now: choose "Get Many" again
	await page.getByTestId('parameter-input-operation').click();
	await pickOption(page, 'Get Many');
	await page.waitForTimeout(200);
}

/** Opens the credential from the panel: "Connect" empty state, or the credential dropdown. */
async function checkCredential(page: Page): Promise<void> {
	const empty = page.getByTestId('node-credentials-empty-state');
	const select = page.getByTestId('node-credentials-select');
	if (await empty.isVisible()) {
		await empty.click();
	} else {
		await select.click();
		const create = page.locator('.el-select-dropdown__item:visible', {
			hasText: /create new credential/i,
		});
		await create.first().click({ timeout: 10_000 });
	}
	const dialog = page.getByTestId('editCredential-modal');
	await dialog.getByTestId('credential-edit-dialog').waitFor({ timeout: 15_000 });
	const header = dialog.locator('header').first();
	const title = (await header.innerText())
		.split('\n')
		.map((l) => l.trim())
		.filter(Boolean);
	check(
		'credential type "NetEase Enterprise Email API" can be created from the panel',
		title.includes(CREDENTIAL_NAME),
		title.join(' / '),
	);
	const text = await dialog.getByTestId('credential-edit-dialog').innerText();
	const labels = [
		'CorpID',
		'App ID',
		'AppKey',
		'Default Mail Domain',
		'Base URL',
		'Endpoint Path Overrides',
	];
	const missing = labels.filter((l) => !text.includes(l));
	check(
		'credential form shows its fields',
		missing.length === 0,
		missing.length ? `missing: ${missing.join(', ')}` : labels.join(', '),
	);
	const hidden = ['Access Token', 'Refresh Token'].filter((l) => text.includes(l));
	check(
		'credential form hides the token fields',
		hidden.length === 0,
		hidden.length ? `visible: ${hidden.join(', ')}` : undefined,
	);
	const icon = await iconState(header);
	check('credential icon loads in the credential dialog', icon.ok, icon.detail);
	const docs = dialog.locator('a', { hasText: /^\s*docs\s*$/i });
	const docsHref = (await docs.count()) > 0 ? await docs.first().getAttribute('href') : null;
	check(
		'credential "docs" link points at the package documentation',
		!!docsHref && docsHref.includes('n8n-nodes-netease-enterprise-email'),
		docsHref ?? 'no docs link',
	);
	await page.screenshot({ path: path.join(ARTIFACTS, 'editor-credential.png') });
	step('saved artifacts/editor-credential.png');

	// close without saving (an untouched form closes without asking)
	const closeButton = dialog.locator('.el-dialog__headerbtn, [aria-label="Close"]');
	if ((await closeButton.count()) > 0) await closeButton.first().click();
	else await page.keyboard.press('Escape');
	const confirm = page.locator('.el-message-box:visible button', {
		hasText: /close|leave|discard|yes/i,
	});
	if (
		await confirm
			.first()
			.isVisible()
			.catch(() => false)
	)
		await confirm.first().click();
	await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
}

async function checkCanvas(page: Page, baseUrl: string): Promise<void> {
	const close = page.getByTestId('ndv-close-button');
	if (await close.isVisible()) await close.click();
	await page
		.getByTestId('ndv')
		.waitFor({ state: 'hidden', timeout: 10_000 })
		.catch(() => undefined);
	const node = page.locator(`[data-test-id="canvas-node"][data-node-type="${NODE_TYPE}"]`).first();
	await node.waitFor({ timeout: 10_000 });
	const name = await node.getAttribute('data-node-name');
	check(`canvas shows a ${NODE_TYPE} node`, true, `named "${name}"`);
	const icon = await iconState(node);
	check('node icon loads on the canvas', icon.ok, icon.detail);
	const src = await node
		.locator('img')
		.first()
		.getAttribute('src')
		.catch(() => null);
	if (src) {
		const res = await page.context().request.get(new URL(src, baseUrl).toString());
		check(
			'icon URL serves an SVG',
			res.ok() && (res.headers()['content-type'] ?? '').includes('svg'),
			`${src}: HTTP ${res.status()} ${res.headers()['content-type'] ?? ''}`,
		);
	}
	await page.mouse.move(5, 450); // no hover toolbar over the node
	await page.waitForTimeout(300);
	await page.screenshot({ path: path.join(ARTIFACTS, 'editor-canvas.png') });
	step('saved artifacts/editor-canvas.png');
}

async function main(): Promise<number> {
	let session: N8nSession | undefined;
	let extensions: string | undefined;
	let n8n: RunningN8n | undefined;
	let browser: Browser | undefined;
	let stopping: Promise<void> | undefined;
	const stopAll = () =>
		(stopping ??= (async () => {
			await browser?.close().catch(() => undefined);
			await n8n?.stop().catch(() => undefined);
			await session?.cleanup().catch(() => undefined);
			if (extensions)
				await fs.rm(extensions, { recursive: true, force: true }).catch(() => undefined);
		})());
	const bail = (why: string) => {
		console.error(`[editor] ${why}: stopping n8n and the browser`);
		void stopAll().finally(() => process.exit(1));
	};
	const watchdog = setTimeout(
		() => bail(`overall timeout of ${OVERALL_TIMEOUT_MS / 1000} s reached`),
		OVERALL_TIMEOUT_MS,
	);
	watchdog.unref();
	process.once('SIGINT', () => bail('interrupted'));
	process.once('SIGTERM', () => bail('terminated'));
	process.once('exit', () => n8n?.killNow());

	try {
		try {
			await ensureChromium();
		} catch (error) {
			check('Chromium is available at /usr/bin/chromium', false, (error as Error).message);
			return 1;
		}
		const provided = await provideN8n();
		step(`n8n provided: ${provided.n8n}`);
		const { port, env } = await serverEnv();
		extensions = await snapshotDist(DIST, DIST_FILES);
		session = await createN8nSession({ customExtensions: extensions, provided, env });
		step(
			`starting n8n on 127.0.0.1:${port} (user folder ${session.userFolder}, extensions ${extensions})`,
		);
		n8n = await startN8n(session, port);
		step(`n8n answers at ${n8n.baseUrl}`);
		const loaded = /Unrecognized node type|Error loading|Failed to load.*netease/i.exec(n8n.log());
		if (loaded) console.log(`[editor] n8n log mentions: ${loaded[0]}`);

		await fs.mkdir(ARTIFACTS, { recursive: true });
		await fs.rm(path.join(ARTIFACTS, 'editor-node-creator-failed.png'), { force: true });
		selectors.setTestIdAttribute('data-test-id');
		browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
		context.setDefaultTimeout(20_000);
		const blocked = new Set<string>();
		await context.route(/^(?!https?:\/\/127\.0\.0\.1[:/]|data:|blob:)/, (route) => {
			blocked.add(new URL(route.request().url()).host || route.request().url());
			return route.abort('blockedbyclient');
		});
		// n8n binds the auth cookie to the browser id that its frontend keeps in localStorage
		const browserId = randomUUID();
		await context.addInitScript((id) => localStorage.setItem('n8n-browserId', id), browserId);
		const setup = await context.request.post(`${n8n.baseUrl}/rest/owner/setup`, {
			headers: { 'browser-id': browserId },
			data: OWNER,
		});
		if (
			!check('owner account created (POST /rest/owner/setup)', setup.ok(), `HTTP ${setup.status()}`)
		) {
			console.log(tail(await setup.text(), 5));
			return 1;
		}

		const page = await context.newPage();
		const pageErrors: string[] = [];
		page.on('pageerror', (e) => pageErrors.push(e.message));
		page.on('dialog', (d) => void d.accept()); // e.g. "leave page?" when the fallback navigates
		page.on('console', (m) => {
			if (m.type() === 'error' && /netease|CUSTOM/i.test(m.text())) pageErrors.push(m.text());
		});
		await openNewWorkflow(page, n8n.baseUrl);
		check('editor opens a new workflow', true, page.url());
		step('editor open');

		let usedPath = 'node creator (UI)';
		const forceImport = process.env.E2E_EDITOR_PATH === 'import';
		if (forceImport) warn('E2E_EDITOR_PATH=import: the node creator was not tried');
		let panel = forceImport
			? false
			: ((await attempt('adding the node through the node creator', () =>
					addThroughNodeCreator(page),
				)) ?? false);
		if (!panel) {
			usedPath = 'fallback: workflow saved through the REST API, then opened';
			await page.screenshot({ path: path.join(ARTIFACTS, 'editor-node-creator-failed.png') });
			panel = await addThroughImport(page, n8n.baseUrl, browserId);
		}
		step(`node added via ${usedPath}`);
		if (panel) {
			await attempt('parameter panel checks', () => checkPanel(page));
			await attempt('credential dialog', () => checkCredential(page));
			await attempt('canvas checks', () => checkCanvas(page, n8n!.baseUrl));
		} else {
			await page.screenshot({ path: path.join(ARTIFACTS, 'editor.png') });
		}
		if (pageErrors.length > 0)
			console.log(`[editor] page errors mentioning the node:\n  ${pageErrors.join('\n  ')}`);
		if (blocked.size > 0)
			console.log(`[editor] blocked non-loopback requests to: ${[...blocked].join(', ')}`);
		console.log(`[editor] path used to add the node: ${usedPath}`);
	} catch (error) {
		check('editor check ran to the end', false, (error as Error).message.split('\n')[0]);
		if (n8n) console.log(`[editor] last n8n output:\n${tail(n8n.log(), 25)}`);
	} finally {
		await stopAll();
		clearTimeout(watchdog);
		step('n8n and the browser stopped');
	}
	if (warnings.length > 0)
		console.log(`[editor] ${warnings.length} warning(s), see "warn" lines above`);
	const failed = checks.filter((c) => !c.ok).length;
	console.log(`${checks.length - failed} passed, ${failed} failed`);
	return failed === 0 && checks.length > 0 ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(error);
		console.log(
			`${checks.filter((c) => c.ok).length} passed, ${checks.filter((c) => !c.ok).length + 1} failed`,
		);
		process.exit(1);
	},
);
