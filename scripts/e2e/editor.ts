/* exploratory draft */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { chromium, selectors } from 'playwright-core';

import { createN8nSession, provideN8n } from './n8n';
import { CHROMIUM, CHROMIUM_ARGS, ensureChromium, OWNER, serverEnv, startN8n, tail } from './editor-server';

const ROOT = path.resolve(__dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'artifacts');

async function main() {
	const t0 = Date.now();
	await ensureChromium();
	const provided = await provideN8n();
	const { port, env } = await serverEnv();
	const session = await createN8nSession({ customExtensions: path.join(ROOT, 'dist'), provided, env });
	const n8n = await startN8n(session, port);
	console.log(`n8n up after ${Date.now() - t0} ms`);
	await fs.mkdir(ARTIFACTS, { recursive: true });
	selectors.setTestIdAttribute('data-test-id');
	const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
	try {
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
		const outside: string[] = [];
		await context.route(/^(?!https?:\/\/127\.0\.0\.1[:/]|data:|blob:)/, (route) => {
			outside.push(route.request().url());
			return route.abort('blockedbyclient');
		});
		const browserId = randomUUID();
		await context.addInitScript((id) => localStorage.setItem('n8n-browserId', id), browserId);
		const res = await context.request.post(`${n8n.baseUrl}/rest/owner/setup`, {
			data: OWNER,
			headers: { 'browser-id': browserId },
		});
		console.log('owner setup', res.status(), (await res.text()).slice(0, 200));
		const page = await context.newPage();
		page.on('console', (m) => m.type() === 'error' && console.log('[console]', m.text()));
		await page.goto(`${n8n.baseUrl}/workflow/new`);
		await page.waitForTimeout(5000);
		await page.screenshot({ path: path.join(ARTIFACTS, 'explore1.png') });
		await page.getByTestId('node-creator-plus-button').click();
		await page.waitForTimeout(1000);
		await page.keyboard.type('NetEase');
		await page.waitForTimeout(1500);
		await page.screenshot({ path: path.join(ARTIFACTS, 'explore2.png') });
		const ids = await page.$$eval('#node-creator [data-test-id], [data-test-id^=node-creator] [data-test-id]', (els) => els.map((e) => e.getAttribute('data-test-id') + ':' + (e.textContent ?? '').slice(0, 60)));
		console.log(ids.join('\n'));
		const html = await page.evaluate(() => document.querySelector('[data-test-id=node-creator]')?.outerHTML ?? 'none');
		await fs.writeFile(path.join(ARTIFACTS, 'creator.html'), html);
		console.log('outside:', outside);
	} finally {
		await browser.close();
		await n8n.stop();
		console.log(tail(n8n.log(), 20));
		await session.cleanup();
	}
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
