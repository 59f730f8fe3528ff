/**
 * Runs `task` for every index with at most `limit` running at once and returns the results in
 * index order. After the first failure no new task starts; the running ones finish, then the
 * failure of the lowest index is thrown.
 */
export async function mapWithConcurrency<T>(
	indexes: number[],
	limit: number,
	task: (index: number) => Promise<T>,
): Promise<Map<number, T>> {
	const results = new Map<number, T>();
	const failures = new Map<number, unknown>();
	let next = 0;
	const worker = async () => {
		while (next < indexes.length && failures.size === 0) {
			const index = indexes[next++];
			try {
				results.set(index, await task(index));
			} catch (error) {
				failures.set(index, error);
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, indexes.length)) }, worker));
	if (failures.size > 0) throw failures.get(Math.min(...failures.keys()));
	return results;
}
