/** Looks characters up in the generated pinyin table (see table.generated.ts for its encoding). */
import {
	DENSE_FIRST,
	DENSE_LAST,
	DENSE_READINGS,
	INDEX_DIGITS,
	READINGS,
	SPARSE_READINGS,
	SURNAMES,
} from './table.generated';

const READING_LIST = READINGS.split(' ');
const DIGIT_VALUES = new Map(Array.from(INDEX_DIGITS, (digit, value) => [digit, value]));

function readingAt(encoded: string, offset: number): string | undefined {
	const index =
		DIGIT_VALUES.get(encoded[offset])! * INDEX_DIGITS.length +
		DIGIT_VALUES.get(encoded[offset + 1])!;
	return index === 0 ? undefined : READING_LIST[index - 1];
}

/** The characters outside the dense block (a few hundred), decoded when the module loads. */
const SPARSE = ((): ReadonlyMap<string, string> => {
	const readings = new Map<string, string>();
	const entries = Array.from(SPARSE_READINGS);
	for (let n = 0; n < entries.length; n += 3) {
		readings.set(entries[n], readingAt(entries[n + 1] + entries[n + 2], 0)!);
	}
	return readings;
})();

/** The everyday reading of one character ("zhang"), or undefined when the table has none. */
export function readingOf(character: string): string | undefined {
	const code = character.codePointAt(0)!;
	if (code >= DENSE_FIRST && code <= DENSE_LAST) {
		return readingAt(DENSE_READINGS, 2 * (code - DENSE_FIRST));
	}
	return SPARSE.get(character);
}

/** How a surname reads when it is one (单 → ["shan"], 尉迟 → ["yu", "chi"]), if that differs. */
export function surnameReading(surname: string): string[] | undefined {
	return Object.prototype.hasOwnProperty.call(SURNAMES, surname)
		? SURNAMES[surname].split(' ')
		: undefined;
}

/** Whether `text` starts with a compound surname (欧阳, 司马…); returns it. */
export function compoundSurnameAt(text: string): string | undefined {
	const firstTwo = Array.from(text).slice(0, 2).join('');
	return Array.from(firstTwo).length === 2 && surnameReading(firstTwo) ? firstTwo : undefined;
}
