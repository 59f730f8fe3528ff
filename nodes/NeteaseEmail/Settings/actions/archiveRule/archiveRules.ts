import type { IDataObject } from 'n8n-workflow';

import { chinaTimeToIso } from '../../../shared/helpers/chinaTime';
import type { ApiContext } from '../../../shared/transport';
import { apiRequest } from '../../../shared/transport';

/** A rule as outputs show it; a condition not set is `null`. */
export interface ArchiveRule extends IDataObject {
	ruleId: string;
	name: string;
	conditions: {
		sender: string | null;
		recipient: string | null;
		domain: string | null;
		keyword: string | null;
	};
	archiveMailbox: string;
	createdAt: string | null;
}

const conditionOf = (value: unknown) => (value ? String(value) : null);

function ruleOf(raw: IDataObject): ArchiveRule {
	const conditions = (raw.conditions ?? {}) as IDataObject;
	return {
		ruleId: String(raw.ruleId),
		name: String(raw.name ?? ''),
		conditions: {
			sender: conditionOf(conditions.sender),
			recipient: conditionOf(conditions.recipient),
			domain: conditionOf(conditions.domain),
			keyword: conditionOf(conditions.keyword),
		},
		archiveMailbox: String(raw.archiveMailbox ?? ''),
		createdAt: chinaTimeToIso(String(raw.createTime ?? '')) || null,
	};
}

/** The organisation's archiving rules, oldest first. */
export async function listRules(
	this: ApiContext,
	domain: string,
	itemIndex: number,
): Promise<ArchiveRule[]> {
	const data = await apiRequest.call(this, 'archive.list', { domain }, { itemIndex });
	return Array.isArray(data) ? (data as IDataObject[]).map(ruleOf) : [];
}

export async function findRule(
	this: ApiContext,
	domain: string,
	match: (rule: ArchiveRule) => boolean,
	itemIndex: number,
): Promise<ArchiveRule | undefined> {
	return (await listRules.call(this, domain, itemIndex)).find(match);
}
