/** The real answer against the sandbox's answer to the same request: status, kind, code, marker, shape, paging. */
import type { Answer } from './answer';
import { difference, outcomeText, type Difference } from './differences';
import { comparePaging } from './paging';
import { compareShapes, typeOf } from './shape';

const KIND_WORDS: Record<Answer['kind'], string> = {
	envelope: 'a JSON envelope',
	json: 'JSON without an envelope',
	text: 'text',
	file: 'a file',
	empty: 'an empty body',
};

export function compareAnswers(request: unknown, real: Answer, sandbox: Answer): Difference[] {
	const differences: Difference[] = [];
	if (real.httpStatus !== sandbox.httpStatus)
		differences.push(
			difference(
				'httpStatus',
				`the real platform answered HTTP ${real.httpStatus}, the sandbox HTTP ${sandbox.httpStatus}`,
			),
		);
	if (real.kind !== sandbox.kind) {
		differences.push(
			difference(
				'answerKind',
				`the real platform answered ${KIND_WORDS[real.kind]}, the sandbox ${KIND_WORDS[sandbox.kind]}`,
			),
		);
		return differences;
	}
	if (real.kind === 'json') return [...differences, ...compareShapes(real.body, sandbox.body)];
	if (real.kind !== 'envelope') return differences;
	const sameOutcome =
		real.code === sandbox.code && (real.code === 0 || real.marker === sandbox.marker);
	if (!sameOutcome)
		differences.push(
			difference(
				'code',
				`the real platform answered ${outcomeText(real)}, the sandbox ${outcomeText(sandbox)}`,
			),
		);
	const envelopeOnly = (answer: Answer) => ({ ...(answer.body as object), data: null });
	differences.push(...compareShapes(envelopeOnly(real), envelopeOnly(sandbox)));
	if (real.code === 0 && sandbox.code === 0) {
		// Elsewhere null stands for an absent optional value; a whole `data` null on one side is news.
		if ((real.data ?? null) === null && (sandbox.data ?? null) !== null)
			differences.push(nullData('the real platform answers null, the sandbox', sandbox.data));
		if ((sandbox.data ?? null) === null && (real.data ?? null) !== null)
			differences.push(nullData('the sandbox answers null, the real platform', real.data));
		const paging = comparePaging(request, real.data, sandbox.data);
		differences.push(...paging.differences);
		differences.push(...compareShapes(real.data, sandbox.data, 'data', paging.covered));
	}
	return differences;
}

function nullData(words: string, other: unknown): Difference {
	return difference('fieldType', `\`data\`: ${words} ${typeOf(other)}`, 'data');
}
