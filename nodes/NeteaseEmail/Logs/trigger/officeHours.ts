import type { INodeProperties, INodePropertyOptions, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** China Standard Time: UTC+8, no daylight saving. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MINUTES = 24 * 60;

/** Days as `Date.getUTCDay()` numbers them. */
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const WORKING_DAYS = DAYS.slice(1, 6);

export interface OfficeHours {
	days: number[];
	/** Minutes after midnight, China time: from `start` (included) to `end` (excluded). */
	start: number;
	end: number;
}

const DAY_OPTIONS: INodePropertyOptions[] = DAYS.map((day) => ({
	name: day[0].toUpperCase() + day.slice(1),
	value: day,
})).sort((a, b) => a.name.localeCompare(b.name));

export function officeHoursProperties(show: Record<string, unknown[]>): INodeProperties[] {
	const displayOptions = { show: { ...show, outsideOfficeHours: [true] } };
	return [
		{
			displayName: 'Office Days',
			name: 'officeDays',
			type: 'multiOptions',
			options: DAY_OPTIONS,
			default: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
			description: 'The working days, in China time',
			displayOptions,
		},
		{
			displayName: 'Office Hours Start',
			name: 'officeStart',
			type: 'string',
			default: '09:00',
			placeholder: 'e.g. 08:30',
			description: 'When a working day starts, as HH:mm in China time (UTC+8)',
			displayOptions,
		},
		{
			displayName: 'Office Hours End',
			name: 'officeEnd',
			type: 'string',
			default: '18:00',
			placeholder: 'e.g. 18:30',
			description: 'When a working day ends, as HH:mm in China time (UTC+8); 24:00 for midnight',
			displayOptions,
		},
	];
}

function minutesOf(context: IPollFunctions, name: string, label: string, fallback: string): number {
	const text = String(context.getNodeParameter(name, fallback) ?? '').trim();
	const match = /^(\d{1,2}):(\d{2})$/.exec(text);
	const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
	if (!match || Number(match[2]) > 59 || minutes > DAY_MINUTES) {
		throw new NodeOperationError(context.getNode(), `${label} "${text}" is not a time of day`, {
			description: 'Enter it as HH:mm in China time, e.g. 09:00 or 18:30.',
		});
	}
	return minutes;
}

export function readOfficeHours(this: IPollFunctions): OfficeHours {
	const chosen = this.getNodeParameter('officeDays', WORKING_DAYS) as string[];
	const days = DAYS.flatMap((day, index) => (chosen.includes(day) ? [index] : []));
	const start = minutesOf(this, 'officeStart', 'Office Hours Start', '09:00');
	const end = minutesOf(this, 'officeEnd', 'Office Hours End', '18:00');
	if (end <= start) {
		throw new NodeOperationError(
			this.getNode(),
			'Office Hours End is not after Office Hours Start',
			{
				description:
					'Office hours run within one day, e.g. 09:00 to 18:00; use 24:00 to run until midnight.',
			},
		);
	}
	return { days, start, end };
}

/** Whether a time (epoch ms) falls in the office hours, in China time. */
export function inOfficeHours(timestamp: number, { days, start, end }: OfficeHours): boolean {
	const china = new Date(timestamp + CHINA_OFFSET_MS);
	const minutes = china.getUTCHours() * 60 + china.getUTCMinutes();
	return days.includes(china.getUTCDay()) && minutes >= start && minutes < end;
}
