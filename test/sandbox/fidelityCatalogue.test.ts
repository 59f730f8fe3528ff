/**
 * The catalogue's third status: `npm run fidelity -- DIR --update-catalogue` marks the inferred
 * endpoints a recording shows answering code 0 as `seen`, with their source, in copies of the
 * endpoint files and README made for the test (the shipped statuses never change here).
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ENDPOINTS, type Endpoint } from '../../nodes/NeteaseEmail/shared/transport/endpoints';
import { statusText } from '../../nodes/NeteaseEmail/shared/transport/endpoints/endpoint';
import { markSeen } from '../../sandbox/fidelity/catalogueUpdate';
import { diffRecording } from '../../sandbox/fidelity/diff';
import type { RecordedExchange } from '../../sandbox/fidelity/recording';
import { buildReport } from '../../sandbox/fidelity/report';
import { recordedExchange } from '../support/fidelity';

const ROOT = join(__dirname, '../..');
const SHIPPED = join(ROOT, 'nodes/NeteaseEmail/shared/transport/endpoints');
const SOURCE = 'recording 2026-11-29 by a user';

interface CatalogueModule {
	ENDPOINTS: Record<string, Endpoint>;
}

/** A hand-written recording: a department created and renamed, an account's limits read and set. */
function recording(): RecordedExchange[] {
	const domain = 'acme.example.com';
	return [
		recordedExchange(
			1,
			'/api/open/unit/createUnit',
			{ domain, unitName: '质量部' },
			{ unitId: '9001' },
		),
		recordedExchange(
			2,
			'/api/open/unit/updateUnit',
			{ domain, unitId: '9001', unitName: '质量保障部' },
			{ unitId: '9001' },
		),
		recordedExchange(
			3,
			'/api/open/mailaccount/getMailLimits',
			{ domain, accountName: '<user-1>' },
			{ quotaMb: 2048, sendAllowed: 1, dailySendLimit: 0, maxRecipients: 0, maxAttachmentMb: 0 },
		),
	];
}

describe('the catalogue status "seen"', () => {
	let dir: string;
	let endpointsDir: string;
	let readme: string;
	const shippedText = () =>
		readdirSync(SHIPPED)
			.map((name) => readFileSync(join(SHIPPED, name), 'utf8'))
			.join('\n');
	let shippedBefore: string;

	beforeAll(() => {
		shippedBefore = shippedText();
	});

	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'fidelity-catalogue-'));
		endpointsDir = join(dir, 'endpoints');
		cpSync(SHIPPED, endpointsDir, { recursive: true });
		readme = join(dir, 'README.md');
		cpSync(join(ROOT, 'README.md'), readme);
	});

	afterEach(() => rmSync(dir, { recursive: true, force: true }));

	afterAll(() => expect(shippedText()).toBe(shippedBefore));

	/** The copied catalogue, loaded fresh. */
	function copiedCatalogue(): Record<string, Endpoint> {
		let endpoints: Record<string, Endpoint> = {};
		jest.isolateModules(() => {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const loaded = require(join(endpointsDir, 'index.ts')) as CatalogueModule;
			endpoints = loaded.ENDPOINTS;
		});
		return endpoints;
	}

	test('a recording marks the inferred endpoints it saw answering code 0; confirmed ones stay confirmed', async () => {
		const report = buildReport('by a user', await diffRecording(recording()));
		expect(report.todo.canBeMarkedSeen).toEqual(['unit.update', 'limits.get']);

		const result = markSeen([...report.todo.canBeMarkedSeen, 'unit.create'], {
			endpointsDir,
			source: SOURCE,
			readme,
		});
		expect(Object.keys(result.marked)).toEqual(['unit.update', 'limits.get']);
		expect(result.problems).toEqual(['unit.create: not inferred, left as it is']);

		const catalogue = copiedCatalogue();
		expect(catalogue['unit.update']).toEqual({
			...ENDPOINTS['unit.update'],
			status: 'seen',
			source: SOURCE,
		});
		expect(catalogue['limits.get']).toMatchObject({ status: 'seen', source: SOURCE, write: false });
		expect(catalogue['unit.create'].status).toBe('confirmed');
		expect(catalogue['limits.update'].status).toBe('inferred');
		for (const key of Object.keys(ENDPOINTS).filter((each) => !(each in result.marked)))
			expect(catalogue[key]).toEqual(ENDPOINTS[key as keyof typeof ENDPOINTS]);

		const table = readFileSync(readme, 'utf8');
		expect(table).toContain(
			`| \`unit.update\` | \`/api/open/unit/updateUnit\` | seen (${SOURCE}) |`,
		);
		expect(table).toContain(`| \`unit.create\` | \`/api/open/unit/createUnit\` | confirmed |`);
		// The README check (test/docs/readme.test.ts) accepts the updated rows.
		for (const [key, endpoint] of Object.entries(catalogue))
			expect(table).toContain(`| \`${key}\` | \`${endpoint.path}\` | ${statusText(endpoint)} |`);
	});

	test('the edit is minimal: one entry and the import change, whatever form the entry takes', () => {
		const before = readFileSync(join(endpointsDir, 'email.ts'), 'utf8');
		markSeen(['subscription.remove', 'message.send', 'mailbox.folders'], {
			endpointsDir,
			source: SOURCE,
		});
		const after = readFileSync(join(endpointsDir, 'email.ts'), 'utf8');
		const changed = after.split('\n').filter((line) => !before.split('\n').includes(line));
		expect(changed).toEqual([
			"import { IDEMPOTENT, INFERRED, read, seenIn, write } from './endpoint';",
			`	'mailbox.folders': read('/api/open/mailbox/getFolders', seenIn('${SOURCE}')),`,
			`	'message.send': write('/api/open/mail/sendMail', { ...seenIn('${SOURCE}'), body: 'upload' }),`,
			`		...seenIn('${SOURCE}'),`,
		]);
		const catalogue = copiedCatalogue();
		expect(catalogue['message.send']).toMatchObject({ status: 'seen', body: 'upload' });
		expect(catalogue['subscription.remove']).toMatchObject({ status: 'seen', idempotent: true });
	});

	test('entries sharing a constant (SETTING) are marked one by one; INFERRED leaves the import when unused', () => {
		markSeen(['limits.update', 'log.clientLogin', 'log.sentMail', 'log.adminOperation'], {
			endpointsDir,
			source: SOURCE,
		});
		const catalogue = copiedCatalogue();
		expect(catalogue['limits.update']).toMatchObject({ status: 'seen', idempotent: true });
		expect(catalogue['signature.update'].status).toBe('inferred');
		expect(readFileSync(join(endpointsDir, 'settings.ts'), 'utf8')).toContain(
			`'limits.update': write('/api/open/mailaccount/updateMailLimits', { ...SETTING, ...seenIn('${SOURCE}') }),`,
		);
		const logs = readFileSync(join(endpointsDir, 'logs.ts'), 'utf8');
		expect(logs).not.toMatch(/\bINFERRED\b/);
		expect(logs).toContain("import { read, seenIn } from './endpoint';");
		expect(catalogue['log.webLogin'].status).toBe('confirmed');
	});

	test('marking again changes nothing; a source that cannot go into the README table is refused', () => {
		markSeen(['unit.update'], { endpointsDir, source: SOURCE });
		const once = readFileSync(join(endpointsDir, 'addressBook.ts'), 'utf8');
		const again = markSeen(['unit.update'], { endpointsDir, source: 'another recording' });
		expect(again.files).toEqual([]);
		expect(readFileSync(join(endpointsDir, 'addressBook.ts'), 'utf8')).toBe(once);
		expect(() => markSeen(['unit.update'], { endpointsDir, source: 'a | b' })).toThrow(
			'one line without "|"',
		);
	});
});
