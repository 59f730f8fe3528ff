/** Step 7: no AppKey (authCode), access or refresh token in any output of n8n execute. */
import { tokenOf } from '../platform-calls';
import { assert, short } from '../report';
import type { Suite } from '../suite';

export async function secrets(suite: Suite): Promise<void> {
	await suite.check('no AppKey, access or refresh token in any n8n execution output', () => {
		const secrets = new Set<string>([suite.sandbox.identity.authCode]);
		for (const call of suite.sandbox.control.requests()) {
			if (tokenOf(call)) secrets.add(tokenOf(call));
			if (call.query.refreshToken) secrets.add(call.query.refreshToken);
		}
		const text = suite.outputs.join('\n');
		const leaked = [...secrets].filter((secret) => secret.length >= 6 && text.includes(secret));
		assert(leaked.length === 0, `found ${leaked.map(short).join(', ')} in the output`);
		return `${secrets.size} secrets checked against ${suite.outputs.length / 2} executions`;
	});
}
