import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The sandbox server's listening port: opened once, closed and opened again on the same port by a restart. */
export class Listener {
	port = 0;

	constructor(
		private readonly server: Server,
		private readonly host: string,
	) {}

	/** Listens on `port` (0 = any free one) and returns the port it got. */
	async open(port: number): Promise<number> {
		await new Promise<void>((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, this.host, () => {
				this.server.off('error', reject);
				resolve();
			});
		});
		this.port = (this.server.address() as AddressInfo).port;
		return this.port;
	}

	/** Stops listening and destroys every open connection, requests in flight included. */
	stop(): Promise<void> {
		return new Promise<void>((resolve, reject) => {
			this.server.close((error) => (error ? reject(error) : resolve()));
			this.server.closeAllConnections();
		});
	}

	/** Stops, stays down `downMs` (connections refused meanwhile), then listens on the same port again. */
	async restart(downMs: number): Promise<void> {
		await this.stop();
		// A client in this process learns that its kept-alive connections closed in the next I/O phase.
		await new Promise((resolve) => setTimeout(resolve, downMs));
		await this.open(this.port);
	}
}
