/** Every platform answer: `code` 0 is success, anything else a refusal or failure (reference §4). */
export interface Envelope<Data = unknown> {
	code: number;
	success?: boolean;
	message?: string;
	data?: Data | null;
}
