/** Bad input to the control API or the sandbox's own configuration (HTTP 400 on the control API). */
export class InputError extends Error {
	constructor(
		message: string,
		readonly status = 400,
	) {
		super(message);
		this.name = 'InputError';
	}
}
