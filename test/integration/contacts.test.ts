import type { IDataObject } from 'n8n-workflow';

import { callsTo, locator, usePlatform } from '../support/netease';

const DOMAIN = 'sandbox.example.com';
const PUB = '/api/open/pubaddress';
const CREATE = `${PUB}/createPubAddress`;
const UPDATE = `${PUB}/updatePubAddress`;
const DELETE = `${PUB}/deletePubAddress`;
const CREATE_GROUP = `${PUB}/createPubAddressGroup`;
const RENAME_GROUP = `${PUB}/updatePubAddressGroup`;
const DELETE_GROUP = `${PUB}/deletePubAddressGroup`;
const WRITES = [CREATE, UPDATE, DELETE, CREATE_GROUP, RENAME_GROUP, DELETE_GROUP];

// The demo seed: 周律师 (no group) and 供应商销售 in the group 供应商.
const COUNSEL = '200001';
const SALES = '200002';
const SUPPLIERS = '300001';
const COUNSEL_EMAIL = 'counsel@partner.example.org';
const SALES_EMAIL = 'sales@supplier.example.net';
const SUPPLIERS_GROUP = { id: SUPPLIERS, name: '供应商' };

/** 1990-05-01 at midnight China time, in epoch seconds. */
const BIRTHDAY_SECONDS = Date.UTC(1990, 4, 1) / 1000 - 8 * 3600;

describe('Contact and Contact Group operations against the sandbox', () => {
	const platform = usePlatform();
	const state = () => platform.sandbox.control.state();
	const contact = (id: string) => state().pubAddresses.find((a) => a.addressId === id);
	const bodies = (path: string) => callsTo(platform.sandbox, path).map((c) => c.body);
	const writes = () => WRITES.flatMap((path) => callsTo(platform.sandbox, path));
	const contacts = (parameters: IDataObject, items?: IDataObject[]) =>
		platform.run({ resource: 'contact', ...parameters }, { items });
	const groups = (parameters: IDataObject) =>
		platform.run({ resource: 'contactGroup', ...parameters });
	const newContact = {
		operation: 'create',
		email: 'Buyer@Client.example.com',
		name: '采购经理',
		additionalFields: {
			mobile: '+86 139 0000 0201',
			company: '示例客户',
			department: '采购部',
			fax: '010-22222222',
			birthday: '1990-05-01T00:00:00',
			groups: '供应商',
		},
	};
	const createdContact = {
		id: '200003',
		email: 'buyer@client.example.com',
		name: '采购经理',
		mobile: '+86 139 0000 0201',
		company: '示例客户',
		department: '采购部',
		fax: '010-22222222',
		birthday: '1990-05-01',
		groups: [SUPPLIERS_GROUP],
		created: true,
	};

	test('Create sends every field, the birthday in epoch seconds and the groups by ID', async () => {
		const result = await contacts(newContact);
		expect(result.success).toBe(true);
		expect(result.json).toEqual([createdContact]);
		expect(bodies(CREATE)).toEqual([
			{
				domain: DOMAIN,
				email: 'buyer@client.example.com',
				name: '采购经理',
				mobile: '+86 139 0000 0201',
				company: '示例客户',
				department: '采购部',
				fax: '010-22222222',
				birthday: BIRTHDAY_SECONDS,
				groupIds: SUPPLIERS,
			},
		]);
		expect(contact('200003')).toMatchObject({ birthday: BIRTHDAY_SECONDS, groupIds: [SUPPLIERS] });

		const listed = await contacts({
			operation: 'getAll',
			contactGroup: locator(''),
			returnAll: true,
		});
		expect(listed.json[2]).toEqual({ ...createdContact, created: undefined });
	});

	test('Create with an unknown group or a malformed address fails before any write', async () => {
		const unknownGroup = await contacts({
			...newContact,
			additionalFields: { groups: '供应商, 客户' },
		});
		expect(unknownGroup.error?.message).toBe(
			'Contact Groups "客户" matches no contact group [item 0]',
		);
		const badEmail = await contacts({ ...newContact, email: 'buyer@' });
		expect(badEmail.error?.message).toBe('Email "buyer@" has no valid domain after "@" [item 0]');
		const badBirthday = await contacts({ ...newContact, additionalFields: { birthday: 'soon' } });
		expect(badBirthday.error?.message).toBe('Birthday "soon" is not a date [item 0]');
		expect(writes()).toHaveLength(0);
		expect(state().pubAddresses).toHaveLength(2);
	});

	test('Create of a taken address fails, or returns the existing contact without writing', async () => {
		const taken = { operation: 'create', email: 'Counsel@Partner.example.org', name: '周律师' };
		const failed = await contacts(taken);
		expect(failed.error?.message).toBe(
			'A contact with this address already exists (PUBADDRESS.EXIST, code -3) [item 0]',
		);
		platform.sandbox.control.clearRequests();

		const reused = await contacts({ ...taken, options: { ifExists: 'reuse' } });
		expect(reused.json).toEqual([
			{
				id: COUNSEL,
				email: COUNSEL_EMAIL,
				name: '周律师',
				mobile: '13900000101',
				company: '示例律师事务所',
				department: '法务部',
				fax: '',
				birthday: null,
				groups: [],
				created: false,
			},
		]);
		expect(writes()).toHaveLength(0);
		expect(state().pubAddresses).toHaveLength(2);
	});

	test('Get Many filters by group name or ID, stops at the limit, or returns the raw records', async () => {
		const byName = await contacts({
			operation: 'getAll',
			contactGroup: locator('供应商', 'name'),
			returnAll: true,
		});
		expect(byName.json.map((c) => [c.id, c.groups])).toEqual([[SALES, [SUPPLIERS_GROUP]]]);
		expect(bodies(`${PUB}/getPubAddressList`)[0]).toMatchObject({ groupId: SUPPLIERS });

		const byId = await contacts({
			operation: 'getAll',
			contactGroup: locator(SUPPLIERS, 'id'),
			returnAll: true,
		});
		expect(byId.json.map((c) => c.email)).toEqual([SALES_EMAIL]);

		const limited = await contacts({
			operation: 'getAll',
			contactGroup: locator(''),
			returnAll: false,
			limit: 1,
		});
		expect(limited.json.map((c) => c.id)).toEqual([COUNSEL]);

		const raw = await contacts({
			operation: 'getAll',
			contactGroup: locator(''),
			returnAll: true,
			options: { simplify: false },
		});
		expect(raw.json[1]).toMatchObject({ addressId: SALES, groupIds: [SUPPLIERS], birthday: null });
	});

	test('Update by address sends only the fields given; nothing different sends nothing', async () => {
		const result = await contacts({
			operation: 'update',
			contact: locator(COUNSEL_EMAIL, 'email'),
			updateFields: { name: '周大律师', birthday: '1990-05-01', groups: SUPPLIERS, mobile: '' },
		});
		expect(result.json[0]).toMatchObject({
			id: COUNSEL,
			name: '周大律师',
			mobile: '',
			company: '示例律师事务所',
			birthday: '1990-05-01',
			groups: [SUPPLIERS_GROUP],
			changed: true,
			updated: ['name', 'mobile', 'birthday', 'groups'],
		});
		expect(bodies(UPDATE)).toEqual([
			{
				domain: DOMAIN,
				addressId: COUNSEL,
				name: '周大律师',
				mobile: '',
				birthday: BIRTHDAY_SECONDS,
				groupIds: SUPPLIERS,
			},
		]);
		expect(contact(COUNSEL)).toMatchObject({ name: '周大律师', mobile: '', groupIds: [SUPPLIERS] });
		platform.sandbox.control.clearRequests();

		const same = await contacts({
			operation: 'update',
			contact: locator(SALES, 'id'),
			updateFields: { company: '示例供应商', groups: '供应商' },
		});
		expect(same.json[0]).toMatchObject({ id: SALES, changed: false });
		expect(writes()).toHaveLength(0);

		const empty = await contacts({ operation: 'update', contact: locator(SALES, 'id') });
		expect(empty.error?.message).toBe('Update Fields is empty [item 0]');
	});

	test('Add to Group and Remove from Group keep the other groups and skip what is already so', async () => {
		await groups({ operation: 'create', name: '客户' });
		await contacts({
			operation: 'update',
			contact: locator(SALES, 'id'),
			updateFields: { groups: '供应商, 客户' },
		});
		platform.sandbox.control.clearRequests();

		const added = await contacts({
			operation: 'addToGroup',
			contacts: `${COUNSEL_EMAIL}, ${SALES}`,
			contactGroup: locator('供应商', 'name'),
		});
		expect(added.json.map((c) => [c.id, c.changed])).toEqual([
			[COUNSEL, true],
			[SALES, false],
		]);
		expect(bodies(UPDATE)).toEqual([{ domain: DOMAIN, addressId: COUNSEL, groupIds: SUPPLIERS }]);
		platform.sandbox.control.clearRequests();

		const removed = await contacts({
			operation: 'removeFromGroup',
			contacts: [SALES, COUNSEL],
			contactGroup: locator(SUPPLIERS, 'id'),
		});
		expect(removed.json.map((c) => [c.id, c.changed, c.groups])).toEqual([
			[SALES, true, [{ id: '300002', name: '客户' }]],
			[COUNSEL, true, []],
		]);
		expect(bodies(UPDATE)).toEqual([
			{ domain: DOMAIN, addressId: SALES, groupIds: '300002' },
			{ domain: DOMAIN, addressId: COUNSEL, groupIds: '' },
		]);
		expect(state().pubAddresses.map((a) => a.groupIds)).toEqual([[], ['300002']]);

		const unknown = await contacts({
			operation: 'addToGroup',
			contacts: 'nobody@example.com',
			contactGroup: locator('供应商', 'name'),
		});
		expect(unknown.error?.message).toBe(
			'Contacts "nobody@example.com" matches no contact [item 0]',
		);
	});

	test('Delete of several in one call reports the unknown ones instead of deleting none', async () => {
		const result = await contacts({
			operation: 'delete',
			contacts: `${COUNSEL}, 299999, Sales@Supplier.example.net, nobody@example.com`,
		});
		expect(result.json).toEqual([
			{ deleted: [COUNSEL, SALES], notFound: ['299999', 'nobody@example.com'] },
		]);
		expect(bodies(DELETE)).toEqual([{ domain: DOMAIN, addressIds: `${COUNSEL},${SALES}` }]);
		expect(state().pubAddresses).toEqual([]);
	});

	test('A lost answer to Contact Create is checked: created once, the same output', async () => {
		platform.sandbox.control.injectFault({ path: CREATE, kind: 'lostResponse' });
		const result = await contacts(newContact);
		expect(result.success).toBe(true);
		expect(result.json).toEqual([createdContact]);
		expect(callsTo(platform.sandbox, CREATE)).toHaveLength(1);
		const mine = state().pubAddresses.filter((a) => a.email === 'buyer@client.example.com');
		expect(mine).toHaveLength(1);
	});

	test('A lost answer to Contact Delete is checked: the same output, nothing sent again', async () => {
		platform.sandbox.control.injectFault({ path: DELETE, kind: 'lostResponse' });
		const result = await contacts({ operation: 'delete', contacts: `${SALES_EMAIL}, 299999` });
		expect(result.json).toEqual([{ deleted: [SALES], notFound: ['299999'] }]);
		expect(callsTo(platform.sandbox, DELETE)).toHaveLength(1);
		expect(state().pubAddresses.map((a) => a.addressId)).toEqual([COUNSEL]);
	});

	test('Contact Group Create fails on a taken name, or returns the existing group', async () => {
		const created = await groups({ operation: 'create', name: ' 客户 ' });
		expect(created.json).toEqual([{ id: '300002', name: '客户', memberCount: 0, created: true }]);
		expect(bodies(CREATE_GROUP)).toEqual([{ domain: DOMAIN, groupName: '客户' }]);

		const failed = await groups({ operation: 'create', name: '供应商' });
		expect(failed.error?.message).toBe(
			'A contact group with this name already exists (PUBGROUP.EXIST, code -3) [item 0]',
		);
		const reused = await groups({
			operation: 'create',
			name: '供应商',
			options: { ifExists: 'reuse' },
		});
		expect(reused.json).toEqual([{ ...SUPPLIERS_GROUP, memberCount: 1, created: false }]);
		expect(state().pubAddressGroups).toHaveLength(2);
	});

	test('A lost answer to Contact Group Create is checked: created once, the same output', async () => {
		platform.sandbox.control.injectFault({ path: CREATE_GROUP, kind: 'lostResponse' });
		const result = await groups({ operation: 'create', name: '客户' });
		expect(result.json).toEqual([{ id: '300002', name: '客户', memberCount: 0, created: true }]);
		expect(callsTo(platform.sandbox, CREATE_GROUP)).toHaveLength(1);
		expect(state().pubAddressGroups.filter((g) => g.groupName === '客户')).toHaveLength(1);
	});

	test('Contact Group Get Many, Rename and Delete', async () => {
		await groups({ operation: 'create', name: '客户' });
		const listed = await groups({ operation: 'getAll', returnAll: true });
		expect(listed.json).toEqual([
			{ ...SUPPLIERS_GROUP, memberCount: 1 },
			{ id: '300002', name: '客户', memberCount: 0 },
		]);
		expect((await groups({ operation: 'getAll', limit: 1 })).json).toHaveLength(1);

		const renamed = await groups({
			operation: 'rename',
			contactGroup: locator('供应商', 'name'),
			newName: '核心供应商',
		});
		expect(renamed.json[0]).toMatchObject({ id: SUPPLIERS, name: '核心供应商', changed: true });
		expect(bodies(RENAME_GROUP)).toEqual([
			{ domain: DOMAIN, groupId: SUPPLIERS, groupName: '核心供应商' },
		]);
		const same = await groups({
			operation: 'rename',
			contactGroup: locator(SUPPLIERS, 'id'),
			newName: '核心供应商',
		});
		expect(same.json[0]).toMatchObject({ changed: false });
		const clash = await groups({
			operation: 'rename',
			contactGroup: locator(SUPPLIERS, 'id'),
			newName: '客户',
		});
		expect(clash.error?.message).toBe(
			'New Name "客户" is the name of another contact group [item 0]',
		);
		expect(bodies(RENAME_GROUP)).toHaveLength(1);

		platform.sandbox.control.injectFault({ path: DELETE_GROUP, kind: 'lostResponse' });
		const deleted = await groups({ operation: 'delete', contactGroup: locator(SUPPLIERS, 'id') });
		expect(deleted.json).toEqual([{ deleted: true, id: SUPPLIERS, name: '核心供应商' }]);
		expect(bodies(DELETE_GROUP)).toEqual([{ domain: DOMAIN, groupId: SUPPLIERS }]);
		expect(state().pubAddressGroups.map((g) => g.groupId)).toEqual(['300002']);
		expect(contact(SALES)?.groupIds).toEqual([]);
	});
});
