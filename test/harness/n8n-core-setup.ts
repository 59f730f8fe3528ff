import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let userFolder: string | undefined;

export function removeUserFolder(): void {
	if (userFolder === undefined) return;
	rmSync(userFolder, { recursive: true, force: true });
	userFolder = undefined;
}

// Jest gives every test file its own module registry (so its own n8n-core DI container) and its
// own copy of process.env; the folder below therefore lives for one test file.
if (typeof afterAll === 'function') afterAll(removeUserFolder);

/**
 * Prepares what n8n-core's DI container builds lazily; idempotent, called by `runWorkflow`.
 *
 * - Every node execution context does `Container.get(InstanceSettings)`, whose constructor
 *   writes `<N8N_USER_FOLDER>/.n8n/config` (default: the home folder). The harness points
 *   `N8N_USER_FOLDER` at a fresh temp folder first and removes it after the test file.
 * - The engine reports node errors through n8n's `ErrorReporter` / `Logger`, which print to
 *   stdout. `N8N_LOG_LEVEL` defaults to `silent` here; set it (e.g. `N8N_LOG_LEVEL=debug npx jest`)
 *   to see n8n's logs.
 *
 * Nothing else is registered: `OutboundHttp`, `Logger`, `ErrorReporter` and `InstanceSettings`
 * are built by the container on first use. Returns the temp user folder.
 */
export function ensureN8nCore(): string {
	if (userFolder !== undefined) return userFolder;
	userFolder = mkdtempSync(join(tmpdir(), 'n8n-harness-'));
	process.env.N8N_USER_FOLDER = userFolder;
	process.env.N8N_LOG_LEVEL ??= 'silent';
	return userFolder;
}
