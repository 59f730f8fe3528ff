import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { getDepartments } from '../directory/departments';
import { apiRequest, defaultDomain } from '../transport';

const ACCOUNT_PAGE_SIZE = 100;

export async function searchDepartments(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const directory = await getDepartments.call(this, await defaultDomain.call(this));
	const needle = (filter ?? '').trim().toLowerCase();
	return {
		results: directory
			.all()
			.filter((d) => !needle || d.path.toLowerCase().includes(needle) || d.id === needle)
			.map((d) => ({ name: d.path, value: d.id })),
	};
}

/** Pages through the domain's accounts; a filter keeps those whose address or name contains it. */
export async function searchAccounts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const domain = await defaultDomain.call(this);
	const pageNum = Number(paginationToken) || 1;
	const page = await apiRequest.call(this, 'unit.accounts', {
		domain,
		recursion: true,
		pageNum,
		pageSize: ACCOUNT_PAGE_SIZE,
	});
	const accounts = (page?.list as IDataObject[] | undefined) ?? [];
	const needle = (filter ?? '').trim().toLowerCase();
	const results = accounts
		.map((account) => {
			const email = `${account.accountName}@${account.domain ?? domain}`;
			const name = account.name ? `${account.name} <${email}>` : email;
			return { name, value: email };
		})
		.filter((result) => !needle || result.name.toLowerCase().includes(needle));
	const more = pageNum * ACCOUNT_PAGE_SIZE < Number(page?.count ?? 0);
	return { results, paginationToken: more ? String(pageNum + 1) : undefined };
}
