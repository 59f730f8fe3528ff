export type Change = { from: unknown; to: unknown };

/** Each wanted field (left out when `undefined`) that differs from the current one, current → wanted. */
export function changesOf(
	current: Record<string, unknown>,
	wanted: Record<string, unknown>,
): Record<string, Change> {
	const changes: Record<string, Change> = {};
	for (const [field, to] of Object.entries(wanted)) {
		if (to === undefined) continue;
		if (JSON.stringify(current[field]) !== JSON.stringify(to))
			changes[field] = { from: current[field] ?? null, to };
	}
	return changes;
}
