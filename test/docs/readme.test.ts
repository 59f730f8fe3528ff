import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ENDPOINTS } from '../../nodes/NeteaseEmail/shared/transport/endpoints';
import { statusText } from '../../nodes/NeteaseEmail/shared/transport/endpoints/endpoint';

describe('README', () => {
	const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');

	test('lists every catalogue endpoint with its path and status (a seen one with its recording), so overrides can be looked up', () => {
		for (const [key, endpoint] of Object.entries(ENDPOINTS)) {
			expect(readme).toContain(`| \`${key}\` | \`${endpoint.path}\` | ${statusText(endpoint)} |`);
		}
	});

	test('names npm test as the test command that CI runs', () => {
		expect(readme).toContain('npm test');
		expect(readFileSync(join(__dirname, '../../.ci/run'), 'utf8')).toMatch(/^npm test$/m);
	});
});
