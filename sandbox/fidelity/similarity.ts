/** How alike two names are, 0 (nothing in common) to 1 (equal, ignoring case). */
export function similarity(a: string, b: string): number {
	const x = a.toLowerCase();
	const y = b.toLowerCase();
	const longest = Math.max(x.length, y.length);
	return longest === 0 ? 1 : 1 - editDistance(x, y) / longest;
}

/** Levenshtein distance. */
export function editDistance(a: string, b: string): number {
	let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) {
			const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
			current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
		}
		previous = current;
	}
	return previous[b.length];
}

/** `names` most like `wanted` first. */
export function mostAlike(wanted: string, names: readonly string[]): string[] {
	return [...names].sort((a, b) => similarity(wanted, b) - similarity(wanted, a));
}
