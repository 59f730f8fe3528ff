import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Item } from '../../shared/framework/item';
import type { Operation } from '../../shared/framework/operation';
import type { Resource } from '../../shared/framework/resource';
import { changesOf } from '../../shared/helpers/changes';
import type { SettingIo } from '../../shared/settings/settingIo';
import type { AccountRun } from './perAccount';
import { dryRunProperty, forEachTargetAccount, readAccountRun } from './perAccount';
import type { Targets } from './targets';
import { readTargets, targetProperties } from './targets';

/**
 * A setting every account has: how to read it (in output form), which parameters say what is
 * wanted, and how to write that. Get and Set, for an account, a department or the organisation,
 * with a dry run, are built from it.
 */
export interface AccountSetting<
	Wanted extends IDataObject = IDataObject,
> extends SettingIo<Wanted> {
	/** The resource: value, name, and what the actions call it ("the mailbox limits"). */
	value: string;
	name: string;
	noun: string;
	/** Set's parameters for the wanted value. */
	properties: INodeProperties[];
	/** The wanted value, checked: only the fields the user set, in output form. */
	readWanted(this: IExecuteFunctions, item: Item): Wanted;
}

function getOperation(setting: AccountSetting): Operation<Targets> {
	return {
		value: 'get',
		name: 'Get',
		action: `Get ${setting.noun}`,
		description: `Read ${setting.noun} of an account, a department's accounts or everyone's`,
		properties: targetProperties(false),
		async prepare(this: IExecuteFunctions, item: Item) {
			return await readTargets.call(this, item, false);
		},
		async execute(this: IExecuteFunctions, targets: Targets, item: Item) {
			return await forEachTargetAccount.call(this, targets, item.index, async (address) => ({
				email: address.email,
				...(await setting.read.call(this, address, item.index)),
			}));
		},
	};
}

interface SetInput extends AccountRun {
	wanted: IDataObject;
}

function setOperation(setting: AccountSetting): Operation<SetInput> {
	return {
		value: 'set',
		name: 'Set',
		action: `Set ${setting.noun}`,
		description: `Change ${setting.noun} where it differs; a dry run shows current → wanted and sends nothing`,
		properties: [...targetProperties(true), ...setting.properties, dryRunProperty],
		async prepare(this: IExecuteFunctions, item: Item) {
			const wanted = setting.readWanted.call(this, item);
			if (Object.keys(wanted).length === 0) {
				throw item.field('applyTo').invalid('has nothing to set', 'Add at least one value to set.');
			}
			return { ...(await readAccountRun.call(this, item)), wanted };
		},
		async execute(this: IExecuteFunctions, { targets, wanted, dryRun }: SetInput, item: Item) {
			return await forEachTargetAccount.call(this, targets, item.index, async (address) => {
				const current = await setting.read.call(this, address, item.index);
				const changes = changesOf(current, wanted);
				const result = { email: address.email, changes };
				if (Object.keys(changes).length === 0) return { ...result, outcome: 'unchanged' };
				if (dryRun) return { ...result, outcome: 'wouldChange' };
				await setting.write.call(this, address, wanted, current, item.index);
				return { ...result, outcome: 'changed' };
			});
		},
	};
}

/** The resource of a per-account setting: Get and Set. */
export function settingResource(setting: AccountSetting): Resource {
	return {
		value: setting.value,
		name: setting.name,
		defaultOperation: 'get',
		operations: [getOperation(setting), setOperation(setting)],
	};
}
