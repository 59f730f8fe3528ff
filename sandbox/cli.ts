/**
 * npm run sandbox -- [--port 8787] [--host 127.0.0.1] [--latency 0] [--rate 0] [--token-ttl 7200] [--hand-over-ms 0] [--seed demo|empty]
 * npm run sandbox -- --proxy https://api.qiye.163.com --record DIR [--port] [--host] [--endpoint-overrides JSON]
 * npm run sandbox -- --replay DIR [--port] [--host]
 * Prints the base URL (and, for the sandbox, a ready-to-paste credential); stops on SIGINT / SIGTERM.
 */
import { parseEndpointOverrides } from '../nodes/NeteaseEmail/shared/transport/endpoints';
import { runRecordingProxy, runReplayServer } from './fidelity/cliModes';
import { startSandbox, type StartSandboxOptions } from './index';
import { SEED_NAMES, type SeedName } from './seed';

const USAGE = `Usage: npm run sandbox -- [options]
       npm run sandbox -- --proxy <url> --record <dir> [--port <n>] [--host <addr>]
       npm run sandbox -- --replay <dir> [--port <n>] [--host <addr>]
  --port <n>            port to listen on (default: $PORT or 8787; 0 = any free port)
  --host <addr>         address to bind (default 127.0.0.1)
  --proxy <url>         record instead: forward every call to <url> (e.g. https://api.qiye.163.com)
  --record <dir>        with --proxy: write each call, secrets removed, as a JSON file into <dir>
  --endpoint-overrides <json>  with --proxy: the credential's Endpoint Path Overrides, to name overridden paths
  --replay <dir>        answer calls from the recording in <dir> instead of the sandbox
  --latency <ms>        delay added to every platform call (default 0)
  --rate <n>            calls allowed per second, answering -422 beyond (default 0 = unlimited)
  --token-ttl <s>       access token lifetime in seconds (default 7200)
  --hand-over-ms <ms>   how long a mailbox hand-over takes to complete (default 0 = at once)
  --seed <name>         demo (default) or empty`;

function fail(message: string): never {
	process.stderr.write(`${message}\n\n${USAGE}\n`);
	process.exit(2);
}

interface FidelityOptions {
	proxy?: string;
	record?: string;
	replay?: string;
	endpointOverrides?: Record<string, string>;
}

/** Options that only the sandbox itself takes (not the recording proxy or the replay server). */
const SANDBOX_ONLY = ['--latency', '--rate', '--token-ttl', '--hand-over-ms', '--seed'];

function parseArgs(argv: string[]): { options: StartSandboxOptions; fidelity: FidelityOptions } {
	const options: StartSandboxOptions = { port: process.env.PORT ? Number(process.env.PORT) : 8787 };
	const fidelity: FidelityOptions = {};
	const sandboxFlags: string[] = [];
	const number = (flag: string, value: string | undefined): number => {
		const parsed = Number(value);
		if (value === undefined || value.trim() === '' || !Number.isInteger(parsed) || parsed < 0)
			fail(`${flag} needs a non-negative integer`);
		return parsed;
	};
	for (let index = 0; index < argv.length; index++) {
		const [flag, inline] = argv[index].split(/=(.*)/s, 2);
		const value = () => inline ?? argv[++index];
		if (SANDBOX_ONLY.includes(flag)) sandboxFlags.push(flag);
		switch (flag) {
			case '--port':
				options.port = number(flag, value());
				break;
			case '--host':
				options.host = value() ?? fail('--host needs an address');
				break;
			case '--latency':
				options.latencyMs = number(flag, value());
				break;
			case '--rate':
				options.rateLimit = { perSecond: number(flag, value()) };
				break;
			case '--token-ttl':
				options.accessTokenTtlSeconds = number(flag, value());
				break;
			case '--hand-over-ms':
				options.handOverMs = number(flag, value());
				break;
			case '--seed': {
				const seed = value() as SeedName;
				if (!SEED_NAMES.includes(seed)) fail(`--seed must be one of ${SEED_NAMES.join(', ')}`);
				options.seed = seed;
				break;
			}
			case '--proxy':
				fidelity.proxy =
					value() ?? fail('--proxy needs the platform URL, e.g. https://api.qiye.163.com');
				break;
			case '--record':
				fidelity.record = value() ?? fail('--record needs a folder');
				break;
			case '--replay':
				fidelity.replay = value() ?? fail('--replay needs a recording folder');
				break;
			case '--endpoint-overrides': {
				const parsed = parseEndpointOverrides(value() ?? fail('--endpoint-overrides needs JSON'));
				if (typeof parsed === 'string') fail(`--endpoint-overrides: ${parsed}`);
				fidelity.endpointOverrides = parsed;
				break;
			}
			case '--help':
			case '-h':
				process.stdout.write(`${USAGE}\n`);
				process.exit(0);
				break;
			default:
				fail(`unknown option: ${flag}`);
		}
	}
	if (!Number.isInteger(options.port) || options.port! < 0 || options.port! > 65535)
		fail('port must be 0-65535');
	checkModes(fidelity, sandboxFlags);
	return { options, fidelity };
}

function checkModes(fidelity: FidelityOptions, sandboxFlags: string[]): void {
	if (fidelity.proxy && !fidelity.record)
		fail('--proxy needs --record <dir>: the folder the recording goes to');
	if (fidelity.record && !fidelity.proxy)
		fail('--record needs --proxy <url>: the platform to forward the calls to');
	if (fidelity.endpointOverrides && !fidelity.proxy) fail('--endpoint-overrides goes with --proxy');
	if (fidelity.replay && fidelity.proxy) fail('--replay and --proxy cannot be combined');
	const mode = fidelity.proxy ? '--proxy' : fidelity.replay ? '--replay' : undefined;
	if (mode && sandboxFlags.length > 0)
		fail(
			`${sandboxFlags.join(', ')} ${sandboxFlags.length > 1 ? 'apply' : 'applies'} to the sandbox only, not with ${mode}`,
		);
}

async function main(): Promise<void> {
	const { options, fidelity } = parseArgs(process.argv.slice(2));
	const serve = { port: options.port!, host: options.host };
	if (fidelity.proxy && fidelity.record) {
		const proxy = await runRecordingProxy(
			fidelity.proxy,
			fidelity.record,
			serve,
			fidelity.endpointOverrides,
		);
		return stopOnSignal(() => proxy.close());
	}
	if (fidelity.replay) {
		const replay = await runReplayServer(fidelity.replay, serve);
		return stopOnSignal(() => replay.close());
	}
	const sandbox = await startSandbox(options);
	const { credential, url } = sandbox;
	const fields: Array<[string, string]> = [
		['CorpID', credential.orgOpenId],
		['App ID', credential.appId],
		['AppKey', credential.authCode],
		['Default Mail Domain', credential.domain],
		['Base URL', url],
	];
	// The same credential in `n8n import:credentials` form (field names as stored by n8n).
	const importable = {
		id: 'netease-sandbox',
		name: 'NetEase sandbox',
		type: 'neteaseEnterpriseEmailApi',
		data: {
			orgOpenId: credential.orgOpenId,
			appId: credential.appId,
			appSecret: credential.authCode,
			domain: credential.domain,
			baseUrl: url,
		},
	};
	process.stdout.write(
		[
			`NetEase Enterprise Email sandbox listening on ${url} (seed: ${options.seed ?? 'demo'})`,
			'',
			'In n8n, create a "NetEase Enterprise Email API" credential with:',
			...fields.map(([label, value]) => `  ${label.padEnd(20)} ${value}`),
			'',
			'or import it with `n8n import:credentials --input=<file>` from a file holding:',
			JSON.stringify([importable], null, 2),
			'',
			`Control API: ${url}/__sandbox/ (see sandbox/README.md). Ctrl+C to stop.`,
			'',
		].join('\n'),
	);
	stopOnSignal(() => sandbox.close());
}

function stopOnSignal(close: () => Promise<void>): void {
	let stopping = false;
	const stop = () => {
		if (stopping) return;
		stopping = true;
		close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
	process.stderr.write(
		`sandbox failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
	);
	process.exit(1);
});
