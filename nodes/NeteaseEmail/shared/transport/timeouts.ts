import type { ApiContext } from './session';

/** How long a call waits for an answer unless its item's Options → Timeout says otherwise. */
export const DEFAULT_TIMEOUT_SECONDS = 30;

interface Timeouts {
	byItem: Map<number, number>;
	longest: number;
}

/** Each execution's request timeouts, by item index. */
const timeouts = new WeakMap<ApiContext, Timeouts>();

/** Sets how long calls made for item `itemIndex` of this execution wait for an answer. */
export function setRequestTimeout(context: ApiContext, itemIndex: number, ms: number): void {
	const known = timeouts.get(context);
	const entry = known ?? { byItem: new Map<number, number>(), longest: 0 };
	if (!known) timeouts.set(context, entry);
	entry.byItem.set(itemIndex, ms);
	entry.longest = Math.max(entry.longest, ms);
}

/**
 * How long a call waits for an answer, in milliseconds: its item's timeout; for a call made for no
 * one item (a lookup all items share) the longest any item allows; the default where none was set
 * (triggers, list searches).
 */
export function requestTimeout(context: ApiContext, itemIndex: number | undefined): number {
	const entry = timeouts.get(context);
	const set = itemIndex === undefined ? entry?.longest : entry?.byItem.get(itemIndex);
	return set || DEFAULT_TIMEOUT_SECONDS * 1000;
}
