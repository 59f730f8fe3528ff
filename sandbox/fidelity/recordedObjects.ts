/**
 * What a recording's answers say about departments (units) and accounts: enough to create, in
 * the sandbox, an object the recording reads or changes but never created.
 */
import { isRecord } from './answer';

export interface RecordedUnit {
	unitId: string;
	unitName?: string;
	unitParentId?: string;
	unitDesc?: string;
}

export interface RecordedAccount {
	accountName: string;
	name?: string;
	jobNumber?: string;
	mobile?: string;
	unitId?: string;
	status?: number;
}

interface Seen<T> {
	seq: number;
	value: T;
}

const text = (value: unknown): string | undefined =>
	typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;

/** A department as answers show it: `unitId` with `unitName`. */
export function asUnit(value: Record<string, unknown>): RecordedUnit | undefined {
	const unitId = text(value.unitId);
	if (!unitId || typeof value.unitName !== 'string') return undefined;
	return {
		unitId,
		unitName: value.unitName,
		unitParentId: text(value.unitParentId),
		unitDesc: text(value.unitDesc),
	};
}

/** An account as answers show it: `accountName` with an open id, a department or a name; not a mail list. */
export function asAccount(value: Record<string, unknown>): RecordedAccount | undefined {
	const accountName = text(value.accountName);
	if (!accountName || 'members' in value || 'memberUnits' in value) return undefined;
	if (!('accountOpenId' in value || 'unitId' in value || 'name' in value)) return undefined;
	return {
		accountName: localPartOf(accountName),
		name: text(value.name),
		jobNumber: text(value.jobNumber),
		mobile: text(value.mobile),
		unitId: text(value.unitId),
		status: typeof value.status === 'number' ? value.status : undefined,
	};
}

export function localPartOf(name: string): string {
	const at = name.lastIndexOf('@');
	return (at < 0 ? name : name.slice(0, at)).trim().toLowerCase();
}

/** Every object inside `value` (itself included), depth first. */
export function objectsIn(
	value: unknown,
	found: Record<string, unknown>[] = [],
): Record<string, unknown>[] {
	if (Array.isArray(value)) for (const each of value) objectsIn(each, found);
	else if (isRecord(value)) {
		found.push(value);
		for (const each of Object.values(value)) objectsIn(each, found);
	}
	return found;
}

export class RecordedObjects {
	private readonly units = new Map<string, Seen<RecordedUnit>[]>();
	private readonly accounts = new Map<string, Seen<RecordedAccount>[]>();

	/** Learns from one successful recorded answer's data (placeholders already resolved). */
	add(seq: number, data: unknown): void {
		for (const object of objectsIn(data)) {
			const unit = asUnit(object);
			if (unit) push(this.units, unit.unitId, { seq, value: unit });
			const account = asAccount(object);
			if (account) push(this.accounts, account.accountName, { seq, value: account });
		}
	}

	/** What the recording last said about a department before `seq`, else first after. */
	unit(unitId: string, seq: number): RecordedUnit | undefined {
		return nearest(this.units.get(unitId), seq);
	}

	account(accountName: string, seq: number): RecordedAccount | undefined {
		return nearest(this.accounts.get(localPartOf(accountName)), seq);
	}
}

function push<T>(map: Map<string, Seen<T>[]>, key: string, seen: Seen<T>): void {
	const list = map.get(key) ?? [];
	list.push(seen);
	map.set(key, list);
}

function nearest<T>(list: Seen<T>[] | undefined, seq: number): T | undefined {
	if (!list?.length) return undefined;
	const before = list.filter((seen) => seen.seq < seq);
	return (before.length ? before[before.length - 1] : list[0]).value;
}
