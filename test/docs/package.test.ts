import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeType } from 'n8n-workflow';

import { NeteaseEnterpriseEmailApi } from '../../credentials/NeteaseEnterpriseEmailApi.credentials';
import { NeteaseEmailAddressBook } from '../../nodes/NeteaseEmail/AddressBook/NeteaseEmailAddressBook.node';
import { NeteaseEmail } from '../../nodes/NeteaseEmail/Email/NeteaseEmail.node';
import { NeteaseEmailLogs } from '../../nodes/NeteaseEmail/Logs/NeteaseEmailLogs.node';
import { NeteaseEmailSettings } from '../../nodes/NeteaseEmail/Settings/NeteaseEmailSettings.node';
import { NeteaseEmailSso } from '../../nodes/NeteaseEmail/Sso/NeteaseEmailSso.node';

const root = join(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const source = (distPath: string) =>
	join(root, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
const iconFile = (fromFile: string, icon: string) =>
	join(fromFile, '..', icon.replace(/^file:/, ''));

/** Each node the package registers, by its entry file. */
const NODES: Record<string, INodeType> = {
	'dist/nodes/NeteaseEmail/AddressBook/NeteaseEmailAddressBook.node.js':
		new NeteaseEmailAddressBook(),
	'dist/nodes/NeteaseEmail/Email/NeteaseEmail.node.js': new NeteaseEmail(),
	'dist/nodes/NeteaseEmail/Sso/NeteaseEmailSso.node.js': new NeteaseEmailSso(),
	'dist/nodes/NeteaseEmail/Logs/NeteaseEmailLogs.node.js': new NeteaseEmailLogs(),
	'dist/nodes/NeteaseEmail/Settings/NeteaseEmailSettings.node.js': new NeteaseEmailSettings(),
};

describe('the package as n8n loads it', () => {
	test('has no runtime dependencies and only n8n-workflow as a peer', () => {
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.license).toBe('MIT');
	});

	test('registers every node and credential it ships, from files that exist', () => {
		expect(pkg.n8n.nodes).toEqual(Object.keys(NODES));
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials])
			expect(existsSync(source(file))).toBe(true);
	});

	test('nodes and credential have distinct light and dark icons that exist', () => {
		const pairs: Array<[string, unknown]> = [
			...Object.entries(NODES).map(([file, node]): [string, unknown] => [
				source(file),
				node.description.icon,
			]),
			[source(pkg.n8n.credentials[0]), new NeteaseEnterpriseEmailApi().icon],
		];
		for (const [file, icon] of pairs) {
			const { light, dark } = icon as { light: string; dark: string };
			expect(light).not.toBe(dark);
			expect(existsSync(iconFile(file, light))).toBe(true);
			expect(existsSync(iconFile(file, dark))).toBe(true);
		}
	});

	test.each(Object.entries(NODES))("the codex of %s names this package's node", (file, node) => {
		const codex = JSON.parse(readFileSync(source(file).replace(/\.ts$/, '.json'), 'utf8'));
		expect(codex.node).toBe(`${pkg.name}.${node.description.name}`);
		expect(codex.resources.credentialDocumentation[0].url).toBe(
			new NeteaseEnterpriseEmailApi().documentationUrl,
		);
	});

	test.each(Object.entries(NODES))(
		'%s is usable as an AI tool and its operations are alphabetical',
		(_file, node) => {
			const { description } = node;
			expect(description.usableAsTool).toBe(true);
			expect(description.displayName).toMatch(/^NetEase Email/);
			const operations = description.properties.filter((p) => p.name === 'operation');
			expect(operations.length).toBeGreaterThan(0);
			for (const operation of operations) {
				const names = (operation.options as Array<{ name: string }>).map((o) => o.name);
				expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
			}
		},
	);
});
