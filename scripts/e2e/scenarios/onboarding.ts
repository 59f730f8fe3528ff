/**
 * Step 2: hr-onboarding creates the missing department level and the account, with the token its
 * credential obtained; run again, it creates nothing and reuses the stored token.
 */
import type { ExampleWorkflow } from '../../lib/examples';
import { setNodeOutput } from '../../lib/examples';
import { accountNamed, hasPassword, unchanged, unitAtPath, unitPath } from '../org-state';
import { isBusiness, isTokenCall, lastGoodToken, tokenOf } from '../platform-calls';
import { assert, assertMatches, short, singleJson } from '../report';
import type { Suite } from '../suite';

/** Returns the access token the last execution used, which offboarding then finds expired. */
export async function hrOnboarding(
	suite: Suite,
	workflow: ExampleWorkflow,
): Promise<string | undefined> {
	const hire = setNodeOutput(workflow.nodes.find((node) => node.name === 'New hire')!) as Record<
		string,
		string
	>;
	const { domain } = suite.sandbox.identity;
	const email = `${hire.accountName}@${domain}`;
	const seeded = suite.state();

	const first = await suite.execute('hr-onboarding', workflow.id);
	const after = suite.state();
	const leaf = unitAtPath(after, hire.departmentPath);
	const parentPath = hire.departmentPath.split('/').slice(0, -1).join('/');

	await suite.check(
		`hr-onboarding: department path ${hire.departmentPath} exists, only the missing level created`,
		() => {
			assert(leaf, `no department at ${hire.departmentPath}`);
			const parent = unitAtPath(seeded, parentPath);
			assert(parent, `the seed has no ${parentPath}; the example expects it to exist`);
			assert(
				leaf.unitParentId === parent.unitId,
				`${leaf.unitName} is under ${leaf.unitParentId}, not ${parentPath}`,
			);
			const added = after.units.filter((u) => !seeded.units.some((s) => s.unitId === u.unitId));
			assert(
				added.length === 1 && added[0].unitId === leaf.unitId,
				`departments added: ${added.map((u) => unitPath(after, u.unitId)).join(', ') || 'none'}`,
			);
			return `${leaf.unitName} (${leaf.unitId}) added under existing ${parentPath}`;
		},
	);
	await suite.check(
		`hr-onboarding: account ${hire.accountName} in that department with job number ${hire.jobNumber}`,
		() => {
			const account = accountNamed(after, hire.accountName);
			assertMatches(`account ${hire.accountName}`, account, {
				name: hire.name,
				jobNumber: hire.jobNumber,
				mobile: hire.mobile,
				unitId: leaf?.unitId,
				status: 0,
				passChangeFirstLogin: 1,
			});
			assert(
				hasPassword(account, hire.initialPassword),
				"the stored password is not the example's initial password",
			);
			const added = after.accounts.length - seeded.accounts.length;
			assert(added === 1, `${added} accounts added, expected 1`);
			return `${email}, ${account.name}, status 0, password to change at first login`;
		},
	);
	await suite.check('hr-onboarding: node output reports the created department and account', () => {
		const ensure = singleJson(first.json, 'Ensure department path');
		const created = singleJson(first.json, 'Create account');
		assertMatches('Ensure department path', ensure, {
			id: leaf?.unitId,
			path: hire.departmentPath,
			createdPaths: [hire.departmentPath],
		});
		assertMatches('Create account', created, {
			created: true,
			accountName: hire.accountName,
			email,
			departmentId: leaf?.unitId,
			departmentPath: hire.departmentPath,
			jobNumber: hire.jobNumber,
		});
		return `createdPaths ${JSON.stringify(ensure.createdPaths)}, created ${created.created} ${created.email}`;
	});
	await suite.check(
		'credential type in use: n8n ran its preAuthentication (token) and authenticate (qiye-* headers)',
		() => {
			const { appId, orgOpenId, authCode } = suite.sandbox.identity;
			const tokenCalls = first.calls.filter(isTokenCall);
			assert(
				tokenCalls.length === 1,
				`${tokenCalls.length} token calls in the first execution, expected 1`,
			);
			const acquire = tokenCalls[0];
			assert(
				acquire.path === '/api/pub/token/acquireToken' && acquire.code === 0,
				`token call ${acquire.path} answered ${acquire.code}`,
			);
			assertMatches('acquireToken body', acquire.body as Record<string, unknown>, {
				appId,
				orgOpenId,
				authCode,
			});
			const business = first.calls.filter(isBusiness);
			assert(business.length > 0, 'no business call');
			const bad = business.find(
				(call) =>
					call.code !== 0 ||
					call.seq < acquire.seq ||
					!tokenOf(call) ||
					call.headers['qiye-app-id'] !== appId ||
					call.headers['qiye-org-open-id'] !== orgOpenId,
			);
			assert(
				!bad,
				`business call ${bad?.path} (seq ${bad?.seq}) answered ${bad?.code} with headers ${JSON.stringify(Object.keys(bad?.headers ?? {}))}`,
			);
			return `acquireToken with the credential's appId/authCode/orgOpenId, then ${business.length} calls with qiye-access-token/app-id/org-open-id`;
		},
	);
	const stored = await suite.checkStoredToken(
		'token persisted: n8n stored the token its preAuthentication obtained',
		first,
	);

	const before = suite.state();
	const second = await suite.execute('hr-onboarding re-run', workflow.id);
	const again = suite.state();
	await suite.check(
		'hr-onboarding re-run: nothing created again, department and account unchanged (ifExists reuse)',
		() => {
			assert(unchanged(before.units, again.units), 'the departments changed');
			assert(unchanged(before.accounts, again.accounts), 'the accounts changed');
			const writes = second.calls.filter(
				(call) =>
					['/api/open/unit/createUnit', '/api/open/account/createAccount'].includes(call.path) &&
					call.code === 0,
			);
			assert(
				writes.length === 0,
				`${writes.length} successful create calls: ${writes.map((w) => w.path).join(', ')}`,
			);
			const refused = second.calls
				.filter((call) => call.path === '/api/open/account/createAccount')
				.map((call) => call.code);
			return `createAccount refused with ${JSON.stringify(refused)}, ${again.units.length} departments, ${again.accounts.length} accounts as before`;
		},
	);
	await suite.check(
		'hr-onboarding re-run: node output returns the existing department and account',
		() => {
			const ensure = singleJson(second.json, 'Ensure department path');
			const created = singleJson(second.json, 'Create account');
			assertMatches('Ensure department path', ensure, {
				id: leaf?.unitId,
				path: hire.departmentPath,
				createdPaths: [],
			});
			assertMatches('Create account', created, {
				created: false,
				email,
				departmentId: leaf?.unitId,
				departmentPath: hire.departmentPath,
				jobNumber: hire.jobNumber,
			});
			return `createdPaths [], created false ${created.email}`;
		},
	);
	await suite.check(
		'token reused across executions: the re-run asked for no token and used the stored one',
		() => {
			const tokenCalls = second.calls.filter(isTokenCall);
			assert(
				tokenCalls.length === 0,
				`${tokenCalls.length} token calls (${tokenCalls.map((c) => c.path).join(', ')})`,
			);
			const tokens = [...new Set(second.calls.filter(isBusiness).map(tokenOf))];
			assert(
				tokens.length === 1 && tokens[0] === stored,
				`tokens used ${tokens.map(short).join(', ')}, stored ${short(stored)}`,
			);
			return `all calls with ${short(stored)}`;
		},
	);
	return lastGoodToken(second.calls) ?? stored;
}
