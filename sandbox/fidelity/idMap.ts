/**
 * Recorded ids ↔ sandbox ids. The real platform and the sandbox number new objects differently, so
 * an id the recording got from a create (or from a read of an object the sandbox had to create)
 * is translated before it is sent again.
 */
import { isRecord } from './answer';

/** Fields holding ids: `unitId`, `parentId`, `addressIds`, `mid`, `memberUnits`… */
export function isIdField(name: string): boolean {
	return /(^id|Id|Ids|^mid|^mids)$/.test(name) || name === 'memberUnits';
}

export class IdMap {
	private readonly ids = new Map<string, string>();
	private readonly targets = new Set<string>();

	/** The first mapping of a recorded id stands. */
	set(recorded: string, sandbox: string): void {
		if (recorded === sandbox || this.ids.has(recorded)) return;
		this.ids.set(recorded, sandbox);
		this.targets.add(sandbox);
	}

	/**
	 * Whether the sandbox object `id` stands for another recorded id: then a recorded `id` (not
	 * mapped itself) is a different object that merely has the same number.
	 */
	standsForAnother(id: string): boolean {
		return this.targets.has(id) && !this.ids.has(id);
	}

	get(recorded: string): string | undefined {
		return this.ids.get(recorded);
	}

	/** The sandbox id for a recorded one (itself when unknown). */
	sandboxId(recorded: string): string {
		return this.ids.get(recorded) ?? recorded;
	}

	/** A copy of a request body with the ids under id fields translated (lists and comma lists too). */
	apply(value: unknown, field = ''): unknown {
		if (Array.isArray(value)) return value.map((each) => this.apply(each, field));
		if (isRecord(value))
			return Object.fromEntries(
				Object.entries(value).map(([key, each]) => [key, this.apply(each, key)]),
			);
		if (!isIdField(field)) return value;
		if (typeof value === 'number') {
			const mapped = this.ids.get(String(value));
			return mapped !== undefined && /^\d+$/.test(mapped) ? Number(mapped) : value;
		}
		if (typeof value === 'string')
			return value
				.split(',')
				.map((part) => this.ids.get(part.trim()) ?? part)
				.join(',');
		return value;
	}

	/**
	 * Learns from a write both sides answered successfully (a create): the same id field at the same
	 * place (objects only, not list elements, whose order may differ) with different values.
	 */
	learn(recorded: unknown, sandbox: unknown, field = ''): void {
		if (isRecord(recorded) && isRecord(sandbox)) {
			for (const [key, value] of Object.entries(recorded)) this.learn(value, sandbox[key], key);
			return;
		}
		const scalar = (value: unknown) => typeof value === 'string' || typeof value === 'number';
		if (isIdField(field) && scalar(recorded) && scalar(sandbox) && String(recorded) !== '')
			this.set(String(recorded), String(sandbox));
	}
}
