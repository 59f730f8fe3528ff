/** What `npm run fidelity` finds when it compares a recorded real exchange with the sandbox's answer. */

export type DifferenceKind =
	/** Envelope code or business marker. */
	| 'code'
	| 'httpStatus'
	/** JSON envelope vs text vs file. */
	| 'answerKind'
	/** A field the real platform answers and the sandbox does not. */
	| 'missingField'
	/** A field the sandbox answers and the real platform does not. */
	| 'extraField'
	| 'fieldType'
	| 'paging'
	/** The real platform accepted a request field under another name than the sandbox expects. */
	| 'renamedRequestField'
	/** The sandbox answered code 0 but kept the value of a request field nowhere. */
	| 'ignoredRequestField'
	/** The real platform accepted the request; the sandbox refuses it, and no renaming helps. */
	| 'refusedRequest'
	| 'unknownEndpoint'
	| 'overriddenPath';

/** Who should change: the sandbox (its answers) or the node (its catalogue paths and field names). */
export type FixIn = 'sandbox' | 'node';

export interface Difference {
	kind: DifferenceKind;
	fixIn: FixIn;
	/** JSON path of an answer field (`data.list[].name`) or the name of a request field. */
	field?: string;
	/** One line in plain words, e.g. "`data.alias` (string): the real platform answers it, the sandbox does not". */
	message: string;
}

const FIX_IN: Record<DifferenceKind, FixIn> = {
	code: 'sandbox',
	httpStatus: 'sandbox',
	answerKind: 'sandbox',
	missingField: 'sandbox',
	extraField: 'sandbox',
	fieldType: 'sandbox',
	paging: 'sandbox',
	renamedRequestField: 'node',
	ignoredRequestField: 'node',
	refusedRequest: 'sandbox',
	unknownEndpoint: 'node',
	overriddenPath: 'node',
};

export function difference(kind: DifferenceKind, message: string, field?: string): Difference {
	return field === undefined
		? { kind, fixIn: FIX_IN[kind], message }
		: { kind, fixIn: FIX_IN[kind], field, message };
}

/** `code 0`, `code -3 UNIT.EXIST`, `HTTP 502`. */
export function outcomeText(outcome: {
	code?: number;
	marker?: string;
	httpStatus?: number;
}): string {
	if (outcome.code === undefined) return `HTTP ${outcome.httpStatus ?? '?'} without an envelope`;
	return outcome.marker ? `code ${outcome.code} ${outcome.marker}` : `code ${outcome.code}`;
}
