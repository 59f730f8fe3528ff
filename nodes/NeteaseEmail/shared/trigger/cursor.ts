/**
 * Where a polling trigger has got to in an ordered source: a position (a time in epoch ms, or a
 * revision number) and the ids already emitted at exactly that position, because several entries
 * can share one (many mails in one second). Nothing at or before it is emitted again; nothing
 * after it is skipped.
 */
export interface Cursor {
	position: number;
	seen: string[];
	/**
	 * Only for a source whose entries may turn up late (see `TakeOptions.lateness`): the entries
	 * already passed at other positions that are still within reach, as id → position.
	 */
	passed?: Record<string, number>;
}

/** Where one entry sits: its position, and an id unique among the entries of that position. */
export interface Place {
	position: number;
	id: string;
}

export interface TakeOptions<Entry> {
	/**
	 * Whether an entry is emitted (the user's filters). One that is not still moves the cursor
	 * (it is never looked at again) and does not count towards `max`.
	 */
	keep?: (entry: Entry) => boolean;
	/**
	 * How far before the cursor's position an entry that was not there before may still appear
	 * (a mail dated before one already emitted but delivered after it). Such entries are new
	 * unless passed already; 0 (the default) treats nothing before the position as new.
	 */
	lateness?: number;
}

export function isNew(place: Place, cursor: Cursor, lateness = 0): boolean {
	if (place.position < cursor.position - lateness) return false;
	if (place.position === cursor.position && cursor.seen.includes(place.id)) return false;
	return cursor.passed?.[place.id] !== place.position;
}

/** The cursor after passing `places` (oldest first): it never moves back. */
function advance(cursor: Cursor, places: Place[], lateness: number): Cursor {
	const position = Math.max(cursor.position, places[places.length - 1].position);
	const atPosition = places.filter((place) => place.position === position).map(({ id }) => id);
	const seen = position === cursor.position ? [...cursor.seen, ...atPosition] : atPosition;
	const passed: Record<string, number> = { ...cursor.passed };
	if (position !== cursor.position) for (const id of cursor.seen) passed[id] = cursor.position;
	for (const place of places) if (place.position !== position) passed[place.id] = place.position;
	const reachable = Object.entries(passed).filter(([, at]) => at >= position - lateness);
	return reachable.length > 0 || cursor.passed
		? { position, seen, passed: Object.fromEntries(reachable) }
		: { position, seen };
}

/**
 * The entries after the cursor, oldest first, at most `max` of them kept, and the cursor after
 * them. Entries past the `max`-th kept one stay after the new cursor: the next poll takes them.
 */
export function takeNew<Entry>(
	entries: Entry[],
	cursor: Cursor,
	placeOf: (entry: Entry) => Place,
	max: number,
	{ keep = () => true, lateness = 0 }: TakeOptions<Entry> = {},
): { taken: Entry[]; cursor: Cursor; more: boolean } {
	const fresh = entries
		.map((entry) => ({ entry, place: placeOf(entry) }))
		.filter(({ place }) => isNew(place, cursor, lateness))
		.sort((a, b) => a.place.position - b.place.position || a.place.id.localeCompare(b.place.id));
	const unique = fresh.filter(
		({ place }, index) =>
			index === 0 ||
			place.position !== fresh[index - 1].place.position ||
			place.id !== fresh[index - 1].place.id,
	);
	const taken: Entry[] = [];
	let passed = 0;
	while (passed < unique.length && taken.length < max) {
		const { entry } = unique[passed++];
		if (keep(entry)) taken.push(entry);
	}
	if (passed === 0) return { taken: [], cursor, more: false };
	const places = unique.slice(0, passed).map(({ place }) => place);
	return {
		taken,
		cursor: advance(cursor, places, lateness),
		more: unique.length > passed,
	};
}
