/** Small pieces the recording proxy and the replay server share. */
import type { IncomingHttpHeaders, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export async function listen(server: Server, port: number, host: string): Promise<number> {
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	return (server.address() as AddressInfo).port;
}

export function stop(server: Server): Promise<void> {
	return new Promise<void>((resolve, reject) => {
		server.close((error) => (error ? reject(error) : resolve()));
		server.closeAllConnections();
	});
}

/** A host usable in a URL: wildcard addresses become loopback, IPv6 literals get brackets. */
export function baseUrlOf(host: string, port: number): string {
	const shown = host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host;
	return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
}

export function readAll(stream: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		stream.on('data', (chunk: Buffer) => chunks.push(chunk));
		stream.on('end', () => resolve(Buffer.concat(chunks)));
		stream.on('error', reject);
	});
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value.join(', ') : value;
}

/** The request's path without its query (which may hold a token): what the logs show. */
export function pathOf(req: IncomingMessage): string {
	return (req.url ?? '/').split('?')[0];
}

export function queryOf(url: URL): Record<string, string> {
	return Object.fromEntries(url.searchParams);
}

/** Writes a line to stderr (the default log of both servers). */
export function toStderr(line: string): void {
	process.stderr.write(`${line}\n`);
}
