import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { NeteaseEnterpriseEmailApi } from '../../credentials/NeteaseEnterpriseEmailApi.credentials';
import { NeteaseEmailAddressBook } from '../../nodes/NeteaseEmail/AddressBook/NeteaseEmailAddressBook.node.ts';

const root = join(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const source = (distPath: string) =>
	join(root, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
const iconFile = (fromFile: string, icon: string) =>
	join(fromFile, '..', icon.replace(/^file:/, ''));

describe('the package as n8n loads it', () => {
	test('has no runtime dependencies and only n8n-workflow as a peer', () => {
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.license).toBe('MIT');
	});

	test('registers every node and credential it ships, from files that exist', () => {
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials])
			expect(existsSync(source(file))).toBe(true);
	});

	test('node and credential have distinct light and dark icons that exist', () => {
		const nodeFile = source(pkg.n8n.nodes[0]);
		const credentialFile = source(pkg.n8n.credentials[0]);
		const pairs: Array<[string, unknown]> = [
			[nodeFile, new NeteaseEmailAddressBook().description.icon],
			[credentialFile, new NeteaseEnterpriseEmailApi().icon],
		];
		for (const [file, icon] of pairs) {
			const { light, dark } = icon as { light: string; dark: string };
			expect(light).not.toBe(dark);
			expect(existsSync(iconFile(file, light))).toBe(true);
			expect(existsSync(iconFile(file, dark))).toBe(true);
		}
	});

	test("the codex names this package's node", () => {
		const codex = JSON.parse(
			readFileSync(source(pkg.n8n.nodes[0]).replace(/\.ts$/, '.json'), 'utf8'),
		);
		expect(codex.node).toBe(`${pkg.name}.${new NeteaseEmailAddressBook().description.name}`);
		expect(codex.resources.credentialDocumentation[0].url).toBe(
			new NeteaseEnterpriseEmailApi().documentationUrl,
		);
	});

	test('the action node is usable as an AI tool and its operations are alphabetical', () => {
		const { description } = new NeteaseEmailAddressBook();
		expect(description.usableAsTool).toBe(true);
		const operations = description.properties.filter((p) => p.name === 'operation');
		expect(operations.length).toBeGreaterThan(0);
		for (const operation of operations) {
			const names = (operation.options as Array<{ name: string }>).map((o) => o.name);
			expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		}
	});
});
