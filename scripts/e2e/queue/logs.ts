/**
 * Which process did what, from the n8n processes' own logs (N8N_LOG_FORMAT=json, one object per
 * line). n8n keeps no worker column in `execution_entity`; what it records is:
 * - the main process: "Enqueued execution <id> (job <job>)" when it puts an execution on the
 *   Redis queue, and "Execution <id> (job <job>) finished" with the `workerId` the worker sent
 *   in its job-finished message (that id is `worker-<hostname>` in a container, so two workers in
 *   one container share it);
 * - each worker: "Worker started execution <id> (job <job>)" and "Worker finished execution …".
 */

export interface LogEntry {
	level: string;
	message: string;
	metadata: Record<string, unknown>;
}

export function logEntries(text: string): LogEntry[] {
	const entries: LogEntry[] = [];
	for (const line of text.split('\n')) {
		if (!line.startsWith('{')) continue;
		try {
			const parsed = JSON.parse(line) as Partial<LogEntry>;
			if (typeof parsed.message === 'string')
				entries.push({
					level: String(parsed.level ?? ''),
					message: parsed.message,
					metadata: parsed.metadata ?? {},
				});
		} catch {
			// a line that only looks like JSON (a task runner's output)
		}
	}
	return entries;
}

/** Execution ids whose log message matches `pattern` (its first group is the id). */
function idsLogged(text: string, pattern: RegExp): string[] {
	return logEntries(text)
		.map((entry) => pattern.exec(entry.message)?.[1])
		.filter((id): id is string => id !== undefined);
}

/** Executions a worker started (its own log). */
export const startedByWorker = (log: string) =>
	idsLogged(log, /^Worker started execution (\d+) \(job/);

/** Executions a worker finished (its own log). */
export const finishedByWorker = (log: string) =>
	idsLogged(log, /^Worker finished execution (\d+) \(job/);

/** Executions the main process put on the queue. */
export const enqueuedByMain = (log: string) => idsLogged(log, /^Enqueued execution (\d+) \(job/);

/** The workerId the main process logged for each execution a worker reported finished. */
export function workerIdsOnMain(log: string): Map<string, string> {
	const ids = new Map<string, string>();
	for (const entry of logEntries(log)) {
		const id = /^Execution (\d+) \(job \S+\) finished/.exec(entry.message)?.[1];
		if (id) ids.set(id, String(entry.metadata.workerId ?? ''));
	}
	return ids;
}

/**
 * For each execution id, the names of the workers whose logs say they started it.
 */
export function runnersOf(
	ids: string[],
	workers: Array<{ name: string; log(): string }>,
): Map<string, string[]> {
	const started = workers.map((worker) => ({
		name: worker.name,
		ids: new Set(startedByWorker(worker.log())),
	}));
	return new Map(
		ids.map((id) => [id, started.filter((worker) => worker.ids.has(id)).map((w) => w.name)]),
	);
}
