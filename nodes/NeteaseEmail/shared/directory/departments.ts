import type { IDataObject, INodeParameterResourceLocator } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Item } from '../framework/item';
import type { Field } from '../helpers/validation';
import { parseDepartmentPath } from '../helpers/validation';
import type { ApiContext } from '../transport';
import { apiRequest, tryApiRequest } from '../transport';

export interface Department {
	id: string;
	name: string;
	/** Names from the top level down, joined with "/". */
	path: string;
	/** `null` for a top-level department. */
	parentId: string | null;
	rank: number;
	description: string;
	depth: number;
	isDefault: boolean;
	raw: IDataObject;
}

const TOP_LEVEL_PARENTS = new Set(['', '0', 'root', 'null', 'undefined']);

/** A unit's parent ID as the platform sends it, `null` for a top-level unit. */
export function parentIdOf(unit: IDataObject): string | null {
	const parent = String(unit.unitParentId ?? '');
	return TOP_LEVEL_PARENTS.has(parent) ? null : parent;
}

function isDefaultUnit(unit: IDataObject): boolean {
	return String(unit.unitId).endsWith('_default') || unit.unitId === 'default';
}

/** The enterprise's departments as a tree, built from one flat `getUnitList` answer. */
export class DepartmentDirectory {
	private readonly byId = new Map<string, Department>();

	private readonly childIds = new Map<string | null, string[]>();

	constructor(units: IDataObject[]) {
		for (const unit of units) {
			this.byId.set(String(unit.unitId), {
				id: String(unit.unitId),
				name: String(unit.unitName ?? ''),
				path: '',
				parentId: parentIdOf(unit),
				rank: Number(unit.rank ?? 99999),
				description: String(unit.unitDesc ?? ''),
				depth: 0,
				isDefault: isDefaultUnit(unit),
				raw: unit,
			});
		}
		for (const department of this.byId.values()) {
			if (department.parentId !== null && !this.byId.has(department.parentId))
				department.parentId = null;
			const siblings = this.childIds.get(department.parentId) ?? [];
			siblings.push(department.id);
			this.childIds.set(department.parentId, siblings);
		}
		const order = (a: string, b: string) => {
			const [x, y] = [this.byId.get(a)!, this.byId.get(b)!];
			return x.rank - y.rank || x.name.localeCompare(y.name, 'zh-CN');
		};
		for (const siblings of this.childIds.values()) siblings.sort(order);
		const walk = (parentId: string | null, prefix: string, depth: number, seen: Set<string>) => {
			for (const id of this.childIds.get(parentId) ?? []) {
				if (seen.has(id)) continue;
				seen.add(id);
				const department = this.byId.get(id)!;
				department.path = prefix ? `${prefix}/${department.name}` : department.name;
				department.depth = depth;
				walk(id, department.path, depth + 1, seen);
			}
		};
		walk(null, '', 0, new Set());
	}

	get(id: string): Department | undefined {
		return (
			this.byId.get(id) ?? (id === 'default' ? this.all().find((d) => d.isDefault) : undefined)
		);
	}

	/** Every department, parents before their children, siblings by rank. */
	all(): Department[] {
		const ordered: Department[] = [];
		const walk = (parentId: string | null) => {
			for (const id of this.childIds.get(parentId) ?? []) {
				ordered.push(this.byId.get(id)!);
				walk(id);
			}
		};
		walk(null);
		return ordered;
	}

	children(parentId: string | null): Department[] {
		return (this.childIds.get(parentId) ?? []).map((id) => this.byId.get(id)!);
	}

	/** The department itself and everything below it, parents first. */
	subtree(id: string): Department[] {
		const root = this.byId.get(id);
		if (!root) return [];
		const below = (parentId: string): Department[] =>
			this.children(parentId).flatMap((child) => [child, ...below(child.id)]);
		return [root, ...below(id)];
	}

	byPath(names: string[]): Department | undefined {
		let parentId: string | null = null;
		let found: Department | undefined;
		for (const name of names) {
			found = this.children(parentId).find((child) => child.name === name);
			if (!found) return undefined;
			parentId = found.id;
		}
		return found;
	}

	byName(name: string): Department[] {
		return this.all().filter((d) => d.name === name);
	}
}

const directories = new WeakMap<object, Map<string, Promise<DepartmentDirectory>>>();

/** Loads the departments once per execution and domain; writes call `forgetDepartments`. */
export async function getDepartments(
	this: ApiContext,
	domain: string,
	itemIndex?: number,
): Promise<DepartmentDirectory> {
	let byDomain = directories.get(this);
	if (!byDomain) directories.set(this, (byDomain = new Map()));
	let directory = byDomain.get(domain);
	if (!directory) {
		directory = apiRequest
			.call(this, 'unit.list', { domain }, { itemIndex })
			.then(
				(units) =>
					new DepartmentDirectory(Array.isArray(units) ? (units as unknown as IDataObject[]) : []),
			);
		byDomain.set(domain, directory);
		directory.catch(() => byDomain.delete(domain));
	}
	return await directory;
}

export function forgetDepartments(this: ApiContext, domain: string): void {
	directories.get(this)?.delete(domain);
}

/** Resolves a department locator (from the list, by ID or by path); fails naming the field. */
export async function resolveDepartment(
	this: ApiContext,
	locator: INodeParameterResourceLocator,
	domain: string,
	field: Field,
	itemIndex?: number,
): Promise<Department> {
	const value = String(locator?.value ?? '').trim();
	if (!value) throw field.invalid('is empty', `Choose a department for "${field.label}".`);
	// A malformed path fails before the departments are loaded.
	const names = locator.mode === 'path' ? parseDepartmentPath(field, value) : undefined;
	const directory = await getDepartments.call(this, domain, itemIndex);
	if (names) {
		const department = directory.byPath(names);
		if (!department) {
			throw field.invalid(
				`"${value}" does not exist`,
				'Check the path, or create it first with Department → Ensure Path.',
			);
		}
		return department;
	}
	const department = directory.get(value);
	if (!department) {
		throw field.invalid(
			`"${value}" matches no department ID`,
			'Pick the department from the list, or use Department → Get Many to see the IDs.',
		);
	}
	return department;
}

/** The department chosen in a locator parameter of the item. */
export async function departmentParam(
	this: ApiContext,
	item: Item,
	name: string,
	domain: string,
): Promise<Department> {
	const locator = item.param<INodeParameterResourceLocator>(name);
	return await resolveDepartment.call(this, locator, domain, item.field(name), item.index);
}

/** Like `departmentParam`, for an optional locator: `undefined` when left empty. */
export async function optionalDepartmentParam(
	this: ApiContext,
	item: Item,
	name: string,
	domain: string,
): Promise<Department | undefined> {
	const locator = item.param<INodeParameterResourceLocator | undefined>(name);
	return locator?.value ? await departmentParam.call(this, item, name, domain) : undefined;
}

export function simplifyDepartment(department: Department): IDataObject {
	return {
		id: department.id,
		name: department.name,
		path: department.path,
		parentId: department.parentId,
		rank: department.rank,
		description: department.description,
		depth: department.depth,
		isDefault: department.isDefault,
	};
}

export function departmentOutput(department: Department, simplify: boolean): IDataObject {
	return simplify ? simplifyDepartment(department) : { ...department.raw, path: department.path };
}

/**
 * Creates one department, or returns the existing one of that name under the same parent when
 * `reuseExisting` is set (also when another item created it in the meantime). Whether it existed
 * is known before the first send, so a lost answer never turns "was already there" into "created".
 */
export async function createDepartment(
	this: ApiContext,
	domain: string,
	name: string,
	parent: Department | null,
	description: string,
	itemIndex: number,
	reuseExisting: boolean,
): Promise<{ department: Department; created: boolean }> {
	const current = async () =>
		(await getDepartments.call(this, domain, itemIndex))
			.children(parent?.id ?? null)
			.find((child) => child.name === name);
	const reload = async () => {
		forgetDepartments.call(this, domain);
		return await current();
	};
	const before = await current();
	if (before && reuseExisting) return { department: before, created: false };

	const body: IDataObject = { domain, unitName: name, unitDesc: description };
	if (parent) body.parentId = parent.id;
	const answer = await tryApiRequest.call(this, 'unit.create', body, {
		itemIndex,
		// If it was there before, this call did not create it: sent again, the platform says so.
		verify: async () => {
			const now = await reload();
			return now && !before ? { unitId: now.id } : undefined;
		},
	});
	if ('refusal' in answer) {
		const existing =
			reuseExisting && answer.refusal.marker === 'UNIT.EXIST' ? await reload() : undefined;
		if (!existing) throw answer.refusal.error;
		return { department: existing, created: false };
	}
	const department = await reload();
	if (!department) {
		throw new NodeOperationError(
			this.getNode(),
			`Department "${name}" was created but is not listed yet [item ${itemIndex}]`,
			{ itemIndex, description: 'Run Department → Get Many in a moment to see it.' },
		);
	}
	return { department, created: true };
}
