import type { PushState, Sighting } from './state';

/** How long, and for how many events, a repeated callback is recognised. */
export const DEDUPE_WINDOW_MS = 24 * 60 * 60 * 1000;
export const DEDUPE_MAX_EVENTS = 1000;

/**
 * Whether this is the first time the key arrives within the window; records it when it is. The
 * window is the last DEDUPE_MAX_EVENTS events of the last DEDUPE_WINDOW_MS.
 */
export function firstSighting(state: PushState, key: string, now = Date.now()): boolean {
	const recent = (state.recent ?? []).filter(({ at }) => now - at < DEDUPE_WINDOW_MS);
	if (recent.some((sighting) => sighting.key === key)) return false;
	const sighting: Sighting = { key, at: now };
	state.recent = [...recent, sighting].slice(-DEDUPE_MAX_EVENTS);
	return true;
}
