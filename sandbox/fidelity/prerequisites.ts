/**
 * Seeds the sandbox from the recording just before a call needs it: a department or account the
 * recorded call used (and the real platform therefore had) but the recording never created is
 * created from what the recording's answers say about it — departments through the sandbox's own
 * createUnit (their new ids mapped), accounts through the control API.
 */
import type { NewAccountInput } from '../bulkAccounts';
import type { Sandbox } from '../index';
import { isRecord, readAnswer, type Answer } from './answer';
import type { IdMap } from './idMap';
import { fieldsOf } from './requestFields';
import { asAccount, asUnit, localPartOf, objectsIn, type RecordedObjects } from './recordedObjects';
import type { SandboxClient } from './sandboxClient';

/** Catalogue modules whose `accountName` names an account (mail lists use it for the list). */
const ACCOUNT_MODULES = new Set([
	'account',
	'autoReply',
	'forward',
	'ipLimit',
	'limits',
	'mailAccount',
	'mailbox',
	'message',
	'mobile',
	'secondFactor',
	'senderList',
	'signature',
	'sso',
]);
const ACCOUNT_FIELDS = ['accountName', 'targetAccountName'];
const UNIT_FIELDS = ['unitId', 'parentId', 'unitParentId'];
const UNIT_LIST_FIELDS = ['memberUnits', 'viewUnitIds', 'unitIds'];
const STATUSES = [0, 1, 2, 4, 5, 6] as const;

export interface PrerequisiteCall {
	seq: number;
	key: string;
	write: boolean;
	/** The request body, placeholders resolved, ids not yet translated. */
	body: unknown;
	real: Answer;
	/** The recorded answer's data, placeholders resolved. */
	realData: unknown;
}

/** The real platform had what the call names: it succeeded, or refused for a reason other than absence. */
function objectsExisted(real: Answer): boolean {
	if (real.kind !== 'envelope') return false;
	return real.code === 0 || (real.code === -3 && !/NOTEXIST|NOT_EXIST/.test(real.marker ?? ''));
}

export class Prerequisites {
	constructor(
		private readonly sandbox: Sandbox,
		private readonly client: SandboxClient,
		private readonly ids: IdMap,
		private readonly known: RecordedObjects,
	) {}

	/** Creates what the call needs; returns what was created, in words. */
	async prepare(call: PrerequisiteCall): Promise<string[]> {
		const notes: string[] = [];
		if (!objectsExisted(call.real)) return notes;
		const fields = fieldsOf(call.body);
		for (const name of UNIT_FIELDS) {
			const value = fields[name];
			if (typeof value === 'string' || typeof value === 'number')
				await this.unit(String(value), call.seq, notes);
		}
		for (const name of UNIT_LIST_FIELDS) {
			for (const value of listOf(fields[name])) await this.unit(value, call.seq, notes);
		}
		const module = call.key.split('.')[0];
		const creates = call.key === 'account.create' && call.real.marker !== 'MAILACCOUNT.NAMEEXIST';
		if (ACCOUNT_MODULES.has(module) && !creates) {
			for (const name of ACCOUNT_FIELDS) {
				const value = fields[name];
				if (typeof value === 'string' && value.trim() !== '')
					await this.account(value, call.seq, notes);
			}
		}
		// A read shows objects the real platform had: the sandbox gets them too, so lists compare.
		if (!call.write && call.real.code === 0) {
			const objects = objectsIn(call.realData);
			for (const object of objects) {
				const unit = asUnit(object);
				if (unit) await this.unit(unit.unitId, call.seq, notes);
			}
			for (const object of objects) {
				const account = asAccount(object);
				if (account) await this.account(account.accountName, call.seq, notes);
			}
		}
		return notes;
	}

	private defaultUnitId(): string {
		return `${this.sandbox.identity.orgOpenId}_default`;
	}

	private async unit(recordedId: string, seq: number, notes: string[], depth = 0): Promise<void> {
		const id = recordedId.trim();
		if (['', '0', 'root', 'default'].includes(id) || depth > 20) return;
		const state = this.sandbox.control.state();
		const sandboxId = this.ids.sandboxId(id);
		const exists = state.units.some((unit) => unit.unitId === sandboxId);
		if (exists && !this.ids.standsForAnother(id)) return;
		const info = this.known.unit(id, seq);
		if (id.endsWith('_default') || info?.unitName === '默认部门') {
			this.ids.set(id, this.defaultUnitId());
			return;
		}
		const parent = info?.unitParentId;
		if (parent) await this.unit(parent, seq, notes, depth + 1);
		const unitName = info?.unitName ?? `unit-${id}`;
		const parentId = parent ? this.ids.sandboxId(parent) : undefined;
		const reply = await this.client.send({
			path: '/api/open/unit/createUnit',
			query: {},
			body: { domain: state.domain, unitName, parentId, unitDesc: info?.unitDesc },
		});
		const answer = readAnswer(reply.httpStatus, reply.body);
		const created = isRecord(answer.data) ? answer.data.unitId : undefined;
		if (answer.code === 0 && typeof created === 'string') {
			this.ids.set(id, created);
			notes.push(
				`created department "${unitName}" (recorded id ${id}) the recording never created`,
			);
			return;
		}
		const sibling = this.sandbox.control
			.state()
			.units.find((unit) => unit.unitName === unitName && unit.unitParentId === (parentId ?? '0'));
		if (sibling) this.ids.set(id, sibling.unitId);
		else notes.push(`could not create department ${id}: ${JSON.stringify(reply.body)}`);
	}

	private async account(name: string, seq: number, notes: string[]): Promise<void> {
		const accountName = localPartOf(name);
		const state = this.sandbox.control.state();
		if (state.accounts.some((account) => account.accountName === accountName)) return;
		if (state.mailLists.some((list) => list.accountName === accountName)) return;
		const info = this.known.account(accountName, seq);
		if (info?.unitId) await this.unit(info.unitId, seq, notes);
		const unitId = info?.unitId ? this.ids.sandboxId(info.unitId) : undefined;
		const input: NewAccountInput = {
			accountName,
			name: info?.name || accountName,
			jobNumber: info?.jobNumber,
			mobile: info?.mobile,
			unitId:
				unitId && this.sandbox.control.state().units.some((u) => u.unitId === unitId)
					? unitId
					: undefined,
			status: STATUSES.find((status) => status === info?.status) ?? 0,
		};
		try {
			this.sandbox.control.addAccounts([input]);
			notes.push(`created account ${accountName} the recording never created`);
		} catch (error) {
			notes.push(`could not create account ${accountName}: ${(error as Error).message}`);
		}
	}
}

function listOf(value: unknown): string[] {
	if (Array.isArray(value)) return value.map(String);
	if (typeof value === 'string') return value.split(',').map((part) => part.trim());
	return [];
}
