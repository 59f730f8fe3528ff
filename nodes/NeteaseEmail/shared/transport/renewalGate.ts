/**
 * Token renewals in flight in this n8n process, by application. A refresh retires the access token
 * every other holder uses (reference §3.2), so executions running at once in one process (a
 * worker's concurrency) renew one at a time: each one after the first reads the token the first
 * stored instead of undoing it. Only the wait is shared here; tokens live in n8n's credential store.
 */
const renewals = new Map<string, Promise<void>>();

export interface RenewalTurn {
	/** Lets the next waiting execution in; safe to call more than once. */
	leave(): void;
}

/** Waits until no other execution of this process renews for `application`, then holds the turn. */
export async function enterRenewal(application: string): Promise<RenewalTurn> {
	for (let current = renewals.get(application); current; current = renewals.get(application)) {
		await current;
	}
	let release = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	renewals.set(application, held);
	return {
		leave() {
			if (renewals.get(application) === held) renewals.delete(application);
			release();
		},
	};
}

/**
 * Marks the tokens this process renews (stored with them as `renewedBy`). When a token runs out,
 * the process that renewed it renews again at once and the others give it a moment first, so two
 * workers seldom both renew, and the second retire the first one's token.
 */
export const PROCESS_MARK = Math.random().toString(36).slice(2, 12);
