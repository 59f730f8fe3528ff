import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeType } from 'n8n-workflow';

import { NeteaseEnterpriseEmailApi } from '../../credentials/NeteaseEnterpriseEmailApi.credentials';
import { NeteaseEmailAddressBook } from '../../nodes/NeteaseEmail/AddressBook/NeteaseEmailAddressBook.node';
import { NeteaseEmailAddressBookTrigger } from '../../nodes/NeteaseEmail/AddressBook/NeteaseEmailAddressBookTrigger.node';
import { NeteaseEmail } from '../../nodes/NeteaseEmail/Email/NeteaseEmail.node';
import { NeteaseEmailPushTrigger } from '../../nodes/NeteaseEmail/Email/NeteaseEmailPushTrigger.node';
import { NeteaseEmailTrigger } from '../../nodes/NeteaseEmail/Email/NeteaseEmailTrigger.node';
import { NeteaseEmailLogs } from '../../nodes/NeteaseEmail/Logs/NeteaseEmailLogs.node';
import { NeteaseEmailLogsTrigger } from '../../nodes/NeteaseEmail/Logs/NeteaseEmailLogsTrigger.node';
import { NeteaseEmailSettings } from '../../nodes/NeteaseEmail/Settings/NeteaseEmailSettings.node';
import { NeteaseEmailSettingsTrigger } from '../../nodes/NeteaseEmail/Settings/NeteaseEmailSettingsTrigger.node';
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
	'dist/nodes/NeteaseEmail/AddressBook/NeteaseEmailAddressBookTrigger.node.js':
		new NeteaseEmailAddressBookTrigger(),
	'dist/nodes/NeteaseEmail/Email/NeteaseEmail.node.js': new NeteaseEmail(),
	'dist/nodes/NeteaseEmail/Email/NeteaseEmailTrigger.node.js': new NeteaseEmailTrigger(),
	'dist/nodes/NeteaseEmail/Email/NeteaseEmailPushTrigger.node.js': new NeteaseEmailPushTrigger(),
	'dist/nodes/NeteaseEmail/Sso/NeteaseEmailSso.node.js': new NeteaseEmailSso(),
	'dist/nodes/NeteaseEmail/Logs/NeteaseEmailLogs.node.js': new NeteaseEmailLogs(),
	'dist/nodes/NeteaseEmail/Logs/NeteaseEmailLogsTrigger.node.js': new NeteaseEmailLogsTrigger(),
	'dist/nodes/NeteaseEmail/Settings/NeteaseEmailSettings.node.js': new NeteaseEmailSettings(),
	'dist/nodes/NeteaseEmail/Settings/NeteaseEmailSettingsTrigger.node.js':
		new NeteaseEmailSettingsTrigger(),
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

	const isTrigger = (node: INodeType) => node.description.group.includes('trigger');
	const actionNodes = Object.entries(NODES).filter(([, node]) => !isTrigger(node));
	const triggerNodes = Object.entries(NODES).filter(([, node]) => isTrigger(node));

	test.each(triggerNodes)(
		'%s is a trigger as n8n lints it, not usable as an AI tool',
		(_file, node) => {
			const { description } = node;
			expect(description.usableAsTool).toBeUndefined();
			expect(description.name).toMatch(/Trigger$/);
			expect(description.displayName).toMatch(/^NetEase Email .*Trigger$/);
			expect(description.inputs).toEqual([]);
		},
	);

	test.each(actionNodes)(
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
