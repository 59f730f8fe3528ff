import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** One stored credential, as n8n keeps it in its database (here unencrypted). */
export interface CredentialRecord {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

/** One write-back, i.e. what n8n would persist to its database (e.g. a refreshed token). */
export interface CredentialUpdate {
	id: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

const copyData = (data: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject =>
	structuredClone(data);

/**
 * The harness's credential "database". Records go in with `add` (or the constructor); the
 * credentials helper reads them with `get` and writes them back with `set`, and every
 * write-back is logged in `updates` so tests can assert what n8n would have persisted.
 * Values handed out are copies: mutating them does not change the store.
 */
export class CredentialStore {
	private readonly records = new Map<string, CredentialRecord>();

	/** Every persisted update, oldest first. */
	readonly updates: CredentialUpdate[] = [];

	constructor(records: CredentialRecord[] = []) {
		for (const record of records) this.add(record);
	}

	/** Adds (or replaces) a record without logging an update: the initial state. */
	add(record: CredentialRecord): this {
		this.records.set(record.id, { ...record, data: copyData(record.data) });
		return this;
	}

	has(id: string): boolean {
		return this.records.has(id);
	}

	/** A copy of the record, or undefined. */
	get(id: string): CredentialRecord | undefined {
		const record = this.records.get(id);
		return record && { ...record, data: copyData(record.data) };
	}

	/** A copy of the record; throws if there is none. */
	require(id: string): CredentialRecord {
		const record = this.get(id);
		if (!record) throw new Error(`Credential with ID "${id}" does not exist in the store`);
		return record;
	}

	/** Replaces the record's data (what n8n's `updateCredentials` does) and logs the update. */
	set(id: string, data: ICredentialDataDecryptedObject): void {
		const record = this.records.get(id);
		if (!record) throw new Error(`Credential with ID "${id}" does not exist in the store`);
		record.data = copyData(data);
		this.updates.push({ id, type: record.type, data: copyData(data) });
	}

	/** The updates logged for one credential, oldest first. */
	updatesFor(id: string): CredentialUpdate[] {
		return this.updates.filter((update) => update.id === id);
	}
}
