import { ENDPOINTS } from '../../nodes/NeteaseEmail/shared/transport/endpoints';
import { platformRoutes } from '../../sandbox/routes';

/**
 * Sandbox routes no node calls yet, each with the reason. A path leaves this list when its
 * module's node lands and its catalogue entry is added.
 */
const NOT_CALLED_YET: Record<string, string> = {};

const cataloguePaths = new Set<string>(Object.values(ENDPOINTS).map((endpoint) => endpoint.path));
const sandboxPaths = Object.keys(platformRoutes);

describe('the endpoint catalogue and the sandbox cannot drift apart', () => {
	test.each(Object.entries(ENDPOINTS))('%s has a sandbox route', (_key, endpoint) => {
		expect(sandboxPaths).toContain(endpoint.path);
	});

	test.each(sandboxPaths)(
		'sandbox route %s is in the catalogue or listed as not called yet',
		(path) => {
			expect(cataloguePaths.has(path) !== path in NOT_CALLED_YET).toBe(true);
		},
	);

	test('catalogue paths are unique, so an override changes exactly one operation', () => {
		expect(cataloguePaths.size).toBe(Object.keys(ENDPOINTS).length);
	});
});
