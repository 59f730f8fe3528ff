/** `npm run fidelity -- DIR`: output, exit codes, and --update-catalogue on copies of the files. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { writeExchange } from '../../sandbox/fidelity/recording';
import type { FidelityReport } from '../../sandbox/fidelity/report';
import { recordedExchange } from '../support/fidelity';

const ROOT = join(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

function fidelity(...args: string[]) {
	const run = spawnSync(TSX, ['scripts/fidelity/run.ts', ...args], {
		cwd: ROOT,
		encoding: 'utf8',
		timeout: 60_000,
	});
	return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npm run fidelity', () => {
	let dir: string;
	let recordingDir: string;

	beforeAll(() => {
		dir = mkdtempSync(join(tmpdir(), 'fidelity-cli-'));
		recordingDir = join(dir, '2026-11-29-user');
		const domain = 'acme.example.com';
		writeExchange(
			recordingDir,
			recordedExchange(
				1,
				'/api/open/unit/createUnit',
				{ domain, unitTitle: '质量部' },
				{ unitId: '9001' },
			),
		);
		writeExchange(
			recordingDir,
			recordedExchange(
				2,
				'/api/open/unit/updateUnit',
				{ domain, unitId: '9001', unitName: '质量保障部' },
				{
					unitId: '9001',
					updated: true,
				},
			),
		);
	});

	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	test('prints the differences per endpoint and the to-do list; exit code 0 although it found some', () => {
		const run = fidelity(recordingDir);
		expect(run.code).toBe(0);
		expect(run.stdout).toContain('unit.create  /api/open/unit/createUnit  [confirmed]');
		expect(run.stdout).toContain(
			'- [node] request field: the real platform accepted `unitTitle`, the sandbox expects `unitName` (#1)',
		);
		expect(run.stdout).toContain(
			'- [sandbox] `data.updated` (boolean): the real platform answers it, the sandbox does not (#2)',
		);
		expect(run.stdout).toContain('Can be marked seen (inferred, answered code 0): unit.update');
	});

	test('--json prints the report as JSON', () => {
		const run = fidelity(recordingDir, '--json');
		expect(run.code).toBe(0);
		const report = JSON.parse(run.stdout) as FidelityReport;
		expect(report.exchanges).toBe(2);
		expect(report.todo.canBeMarkedSeen).toEqual(['unit.update']);
		expect(report.todo.changeInNode[0]).toMatchObject({ endpoint: 'unit.create', seqs: [1] });
	});

	test('--update-catalogue marks the entries seen (source: the folder name) and formats the files', () => {
		const copy = join(dir, 'copy');
		mkdirSync(copy);
		cpSync(join(ROOT, 'nodes/NeteaseEmail/shared/transport/endpoints'), join(copy, 'endpoints'), {
			recursive: true,
		});
		cpSync(join(ROOT, 'README.md'), join(copy, 'README.md'));
		const run = fidelity(
			recordingDir,
			'--update-catalogue',
			'--endpoints-dir',
			join(copy, 'endpoints'),
			'--readme',
			join(copy, 'README.md'),
		);
		expect(run.stderr).toBe('');
		expect(run.code).toBe(0);
		expect(run.stdout).toContain('Marked seen (recording 2026-11-29-user): unit.update');
		expect(readFileSync(join(copy, 'endpoints/addressBook.ts'), 'utf8')).toContain(
			"\t'unit.update': write('/api/open/unit/updateUnit', {\n\t\t...seenIn('recording 2026-11-29-user'),\n\t\t...IDEMPOTENT,\n\t}),",
		);
		expect(readFileSync(join(copy, 'README.md'), 'utf8')).toContain(
			'| `unit.update` | `/api/open/unit/updateUnit` | seen (recording 2026-11-29-user) |',
		);
	});

	test('exit code 2 on bad usage or an unreadable recording', () => {
		expect(fidelity().code).toBe(2);
		expect(fidelity(recordingDir, '--colour').stderr).toContain('unknown option --colour');
		const missing = fidelity(join(dir, 'missing'));
		expect(missing.code).toBe(2);
		expect(missing.stderr).toContain('Cannot read the recording folder');
		const broken = join(dir, 'broken');
		mkdirSync(broken);
		writeFileSync(join(broken, '00001-unit.list.json'), '{"format": 1, "seq": "one"}');
		const bad = fidelity(broken);
		expect(bad.code).toBe(2);
		expect(bad.stderr).toContain('00001-unit.list.json');
	});
});
