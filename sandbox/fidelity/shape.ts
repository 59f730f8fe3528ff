/**
 * The shape of a JSON value: every JSON path with the types seen there. Array elements share the
 * path `<array>[]`, so an array's shape is the union of its elements' shapes.
 */
import { isRecord } from './answer';
import { difference, type Difference } from './differences';

export type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';

export type Shape = Map<string, Set<JsonType>>;

export function typeOf(value: unknown): JsonType {
	if (value === null || value === undefined) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'object') return 'object';
	if (typeof value === 'number' || typeof value === 'bigint') return 'number';
	if (typeof value === 'boolean') return 'boolean';
	return 'string';
}

/** `path` is the root's name (e.g. `data`); children are `data.list`, `data.list[]`, `data.list[].name`. */
export function shapeOf(value: unknown, path = '', shape: Shape = new Map()): Shape {
	const types = shape.get(path) ?? new Set<JsonType>();
	types.add(typeOf(value));
	shape.set(path, types);
	if (Array.isArray(value)) {
		for (const element of value) shapeOf(element, `${path}[]`, shape);
	} else if (isRecord(value)) {
		for (const [key, child] of Object.entries(value))
			shapeOf(child, path === '' ? key : `${path}.${key}`, shape);
	}
	return shape;
}

/** `data.list[].name` → `data.list[]`; `data.total` → `data`; `code` → ``. */
export function parentPath(path: string): string {
	if (path.endsWith('[]')) return path.slice(0, -2);
	const dot = path.lastIndexOf('.');
	return dot < 0 ? '' : path.slice(0, dot);
}

/** The container type a child path needs its parent to be. */
function containerOf(path: string): JsonType {
	return path.endsWith('[]') ? 'array' : 'object';
}

function typesText(types: Set<JsonType>): string {
	return [...types].sort().join(' or ');
}

function withoutNull(types: Set<JsonType>): Set<JsonType> {
	return new Set([...types].filter((type) => type !== 'null'));
}

function sameTypes(a: Set<JsonType>, b: Set<JsonType>): boolean {
	return a.size === b.size && [...a].every((type) => b.has(type));
}

/**
 * Fields missing or extra (by JSON path) and type differences between the real answer and the
 * sandbox's. A field is reported once, at its topmost path: the children of a missing object are
 * not listed again. `null` is compatible with any type (an absent optional value on one side), and
 * an empty array on one side compares no element shapes. Paths in `skip` are left out.
 */
export function compareShapes(
	real: unknown,
	sandbox: unknown,
	root = '',
	skip: ReadonlySet<string> = new Set(),
): Difference[] {
	const realShape = shapeOf(real, root);
	const sandboxShape = shapeOf(sandbox, root);
	const differences: Difference[] = [];
	// Reported at its topmost path only; `x[]` absent on one side means its arrays were all empty.
	const comparable = (path: string, other: Shape) => {
		if (path === root || path.endsWith('[]')) return false;
		const parent = other.get(parentPath(path));
		return parent !== undefined && parent.has(containerOf(path));
	};
	for (const [path, types] of realShape) {
		if (skip.has(path)) continue;
		const other = sandboxShape.get(path);
		if (!other) {
			if (comparable(path, sandboxShape))
				differences.push(
					difference(
						'missingField',
						`\`${path}\` (${typesText(types)}): the real platform answers it, the sandbox does not`,
						path,
					),
				);
			continue;
		}
		const realTypes = withoutNull(types);
		const sandboxTypes = withoutNull(other);
		if (realTypes.size > 0 && sandboxTypes.size > 0 && !sameTypes(realTypes, sandboxTypes))
			differences.push(
				difference(
					'fieldType',
					`\`${path}\`: the real platform answers ${typesText(realTypes)}, the sandbox ${typesText(sandboxTypes)}`,
					path,
				),
			);
	}
	for (const [path, types] of sandboxShape) {
		if (skip.has(path) || realShape.has(path)) continue;
		if (comparable(path, realShape))
			differences.push(
				difference(
					'extraField',
					`\`${path}\` (${typesText(types)}): the sandbox answers it, the real platform does not`,
					path,
				),
			);
	}
	return differences;
}
