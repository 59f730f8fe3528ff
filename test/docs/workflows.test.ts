/**
 * The GitHub Actions workflows parse as YAML and say what the README promises: CI runs .ci/run on
 * pushes and pull requests; a version tag whose name matches package.json's version publishes to
 * npm with provenance, from a job that installs from the lockfile, lints, type-checks, builds and
 * tests what it publishes.
 *
 * YAML is read with `yaml`, which the lockfile already installs (through n8n-core); the package
 * adds no dependency for it.
 */
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

import { parseDocument } from 'yaml';

const ROOT = path.join(__dirname, '../..');

interface Step {
	id?: string;
	name?: string;
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
	env?: Record<string, string>;
}

interface Job {
	permissions?: Record<string, string>;
	steps?: Step[];
}

interface Workflow {
	on: Record<string, unknown>;
	permissions?: Record<string, string>;
	jobs: Record<string, Job>;
}

function workflow(name: string): Workflow {
	const document = parseDocument(readFileSync(path.join(ROOT, '.github/workflows', name), 'utf8'), {
		uniqueKeys: true,
	});
	expect(document.errors.map((error) => error.message)).toEqual([]);
	expect(document.warnings.map((warning) => warning.message)).toEqual([]);
	return document.toJS() as Workflow;
}

/** The `run` commands of a job's steps, in order. */
const commands = (job: Job) => (job.steps ?? []).flatMap((step) => (step.run ? [step.run] : []));

/** Where the first command containing `text` is, or -1. */
const indexOf = (job: Job, text: string) => commands(job).findIndex((run) => run.includes(text));

describe('.github/workflows/ci.yml', () => {
	const ci = workflow('ci.yml');

	test('runs on pushes and pull requests', () => {
		expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
	});

	test('runs .ci/run, which is executable, on Node 20', () => {
		const [job] = Object.values(ci.jobs);
		expect(commands(job)).toContain('.ci/run');
		const setupNode = job.steps?.find((step) => step.uses?.startsWith('actions/setup-node@'));
		expect(setupNode?.with?.['node-version']).toBe(20);
		expect(statSync(path.join(ROOT, '.ci/run')).mode & 0o111).not.toBe(0);
	});
});

describe('.github/workflows/release.yml', () => {
	const release = workflow('release.yml');
	const jobs = Object.values(release.jobs);
	const [job] = jobs;

	test('runs on version tags, in one job', () => {
		expect(release.on).toEqual({ push: { tags: ['v*'] } });
		expect(jobs).toHaveLength(1);
	});

	test('may mint the OIDC token provenance needs, and nothing else beyond reading', () => {
		expect(release.permissions).toEqual({ contents: 'read' });
		expect(job.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
	});

	test('checks out and sets up Node 20 for the npm registry', () => {
		const uses = (job.steps ?? []).flatMap((step) => (step.uses ? [step.uses] : []));
		expect(uses[0]).toMatch(/^actions\/checkout@/);
		const setupNode = job.steps?.find((step) => step.uses?.startsWith('actions/setup-node@'));
		expect(setupNode?.with).toMatchObject({
			'node-version': 20,
			'registry-url': 'https://registry.npmjs.org',
		});
	});

	test('checks the tag against package.json, installs, lints, type-checks, builds, tests, then publishes', () => {
		const order = [
			'"$GITHUB_REF_NAME" != "v$version"',
			'npm ci',
			'npm run lint',
			'npm run typecheck',
			'npm run build',
			'npm test',
			'npm publish',
		].map((command) => indexOf(job, command));
		expect(order.every((index) => index >= 0)).toBe(true);
		expect(order).toEqual([...order].sort((a, b) => a - b));
	});

	test('publishes publicly with provenance, authenticated by the NPM_TOKEN secret', () => {
		const step = job.steps?.find((candidate) => candidate.run?.startsWith('npm publish'));
		expect(step?.run).toMatch(/^npm publish --provenance --access public\b/);
		expect(step?.env?.NODE_AUTH_TOKEN).toBe('${{ secrets.NPM_TOKEN }}');
	});

	test('publishes a pre-release under the dist-tag next, a release as latest', () => {
		const step = job.steps?.find((candidate) => candidate.id === 'version');
		expect(step?.run).toContain('*-*) echo "dist-tag=next"');
		expect(step?.run).toContain('echo "dist-tag=latest"');
		expect(commands(job).find((run) => run.startsWith('npm publish'))).toContain(
			'--tag ${{ steps.version.outputs.dist-tag }}',
		);
	});
});
