import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Field } from '../helpers/validation';
import { itemField, requireText } from '../helpers/validation';
import { NodeParameters } from './parameters';

const labelCache = new WeakMap<INodeProperties[], Map<string, string>>();

/** Every parameter name of an operation (collection and fixed-collection fields too) → its label. */
function labelsOf(properties: INodeProperties[]): Map<string, string> {
	let labels = labelCache.get(properties);
	if (labels) return labels;
	labels = new Map();
	const walk = (list: readonly unknown[]) => {
		for (const entry of list as Array<Partial<INodeProperties> & { values?: unknown[] }>) {
			if (entry.name && entry.displayName && !labels!.has(entry.name))
				labels!.set(entry.name, entry.displayName);
			if (Array.isArray(entry.values)) walk(entry.values);
			if (Array.isArray(entry.options) && entry.type !== 'options' && entry.type !== 'multiOptions')
				walk(entry.options);
		}
	};
	walk(properties);
	labelCache.set(properties, labels);
	return labels;
}

/**
 * One input item of an operation: reads its parameters, and names them in errors with the label
 * the editor shows. The items of one execution share their `parameters`.
 */
export class Item {
	constructor(
		private readonly context: IExecuteFunctions,
		readonly index: number,
		private readonly properties: INodeProperties[],
		private readonly parameters = new NodeParameters(context, properties),
	) {}

	/** The parameter (or collection field) as a `Field` for the checks in helpers/validation. */
	field(name: string): Field {
		const label = labelsOf(this.properties).get(name) ?? name;
		// n8n copies the whole node for getNode(): only an error needs it.
		return {
			label,
			invalid: (problem, fix) =>
				itemField(this.context.getNode(), this.index, label).invalid(problem, fix),
		};
	}

	param<T>(name: string, fallback?: T): T {
		return this.parameters.get(name, this.index, fallback) as T;
	}

	/** A collection parameter (Options, Additional Fields…), `{}` when none is set. */
	collection<T extends object>(name: string): T {
		return this.param<T>(name, {} as T) ?? ({} as T);
	}

	/** A required, trimmed text parameter. */
	text(name: string, maxLength?: number): string {
		return requireText(this.field(name), this.param(name), maxLength);
	}
}
