/** Paging fields (total / pageNum / pageSize…) and page-length semantics of a list answer. */
import { isRecord } from './answer';
import { difference, type Difference } from './differences';

export const PAGING_FIELDS: readonly string[] = [
	'count',
	'hasMore',
	'hasNext',
	'page',
	'pageNo',
	'pageNum',
	'pageSize',
	'pages',
	'size',
	'total',
	'totalCount',
	'totalNum',
	'totalPage',
	'totalPages',
];

/** Also used outside paging (`{count, folders}`): a paging difference only when the call is paged. */
const AMBIGUOUS_FIELDS = ['count', 'size'];

const TOTAL_FIELDS = ['total', 'count', 'totalCount', 'totalNum'];

/** The sandbox's page size when a request names none (sandbox/rules.ts DEFAULT_PAGE_SIZE). */
const SANDBOX_DEFAULT_PAGE_SIZE = 20;

function pagingFieldsOf(data: unknown): string[] {
	return isRecord(data) ? PAGING_FIELDS.filter((field) => field in data) : [];
}

/** The page's items: the data itself when it is an array, else its `list` or first array field. */
function itemsOf(data: unknown): unknown[] | undefined {
	if (Array.isArray(data)) return data;
	if (!isRecord(data)) return undefined;
	if (Array.isArray(data.list)) return data.list;
	return Object.values(data).find((value): value is unknown[] => Array.isArray(value));
}

function integer(value: unknown): number | undefined {
	const number = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
	return typeof number === 'number' && Number.isInteger(number) ? number : undefined;
}

function totalOf(data: unknown): number | undefined {
	if (!isRecord(data)) return undefined;
	for (const field of TOTAL_FIELDS) {
		const total = integer(data[field]);
		if (total !== undefined) return total;
	}
	return undefined;
}

export interface PagingComparison {
	differences: Difference[];
	/** Answer paths (`data.total`) the paging difference already covers, left out of the field diff. */
	covered: Set<string>;
}

/**
 * Compares the paging of two successful answers to the same request: which paging fields each
 * side answers, whether a page holds more items than `pageSize` asked for, the default page size,
 * and whether the real page's length agrees with its total for a 1-based `pageNum`.
 */
export function comparePaging(request: unknown, real: unknown, sandbox: unknown): PagingComparison {
	const differences: Difference[] = [];
	const covered = new Set<string>();
	const params = isRecord(request) ? request : {};
	const pageSize = integer(params.pageSize);
	const pageNum = integer(params.pageNum) ?? 1;
	const realFields = pagingFieldsOf(real);
	const sandboxFields = pagingFieldsOf(sandbox);
	const paged =
		pageSize !== undefined ||
		params.pageNum !== undefined ||
		[...realFields, ...sandboxFields].some((field) => !AMBIGUOUS_FIELDS.includes(field));
	if (paged && realFields.join() !== sandboxFields.join()) {
		for (const field of [...realFields, ...sandboxFields]) covered.add(`data.${field}`);
		differences.push(
			difference(
				'paging',
				`paging fields: the real platform answers ${listText(realFields)}, the sandbox ${listText(sandboxFields)}`,
				'data',
			),
		);
	}
	const realItems = itemsOf(real);
	const sandboxItems = itemsOf(sandbox);
	if (!realItems) return { differences, covered };
	if (
		pageSize !== undefined &&
		realItems.length > pageSize &&
		(sandboxItems?.length ?? 0) <= pageSize
	)
		differences.push(
			difference(
				'paging',
				`page length: the real platform answered ${items(realItems.length)} for pageSize ${pageSize}; the sandbox keeps pages to pageSize`,
				'pageSize',
			),
		);
	const sandboxTotal = totalOf(sandbox);
	if (
		pageSize === undefined &&
		sandboxItems?.length === SANDBOX_DEFAULT_PAGE_SIZE &&
		realItems.length > SANDBOX_DEFAULT_PAGE_SIZE &&
		(sandboxTotal === undefined || sandboxTotal > SANDBOX_DEFAULT_PAGE_SIZE)
	)
		differences.push(
			difference(
				'paging',
				`default page size: the real platform answered ${items(realItems.length)} without pageSize, the sandbox ${SANDBOX_DEFAULT_PAGE_SIZE}`,
				'pageSize',
			),
		);
	const realTotal = totalOf(real);
	if (pageSize !== undefined && pageSize > 0 && realTotal !== undefined) {
		const expected = Math.max(0, Math.min(pageSize, realTotal - (pageNum - 1) * pageSize));
		if (realItems.length !== expected)
			differences.push(
				difference(
					'paging',
					`page semantics: the real platform answered ${items(realItems.length)} for pageNum ${pageNum}, pageSize ${pageSize} and a total of ${realTotal}; with 1-based pages (the sandbox's) that would be ${expected}`,
					'pageNum',
				),
			);
	}
	return { differences, covered };
}

function listText(fields: string[]): string {
	return fields.length === 0 ? 'none' : fields.join(', ');
}

function items(n: number): string {
	return n === 1 ? '1 item' : `${n} items`;
}
