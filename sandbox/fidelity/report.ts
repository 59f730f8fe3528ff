/** The fidelity diff per endpoint, and the to-do list it leads to. */
import {
	ENDPOINTS,
	type EndpointKey,
	type EndpointStatus,
} from '../../nodes/NeteaseEmail/shared/transport/endpoints';
import type { Difference } from './differences';
import type { ExchangeResult } from './diff';

export interface EndpointDifference extends Difference {
	/** The recorded exchanges (seq) that showed it. */
	seqs: number[];
}

export interface EndpointReport {
	/** The catalogue key, or the path for a path in no entry. */
	endpoint: string;
	key: EndpointKey | null;
	path: string;
	status: EndpointStatus | 'unknown';
	calls: number;
	/** Calls the real platform answered with code 0. */
	realSuccesses: number;
	/** Whether one of them was at the catalogue's own path (not an override). */
	succeededAtCataloguePath: boolean;
	differences: EndpointDifference[];
	notes: string[];
}

export interface TodoItem {
	endpoint: string;
	message: string;
	seqs: number[];
}

export interface FidelityTodo {
	/** Inferred endpoints the real platform answered with code 0 at their catalogue path. */
	canBeMarkedSeen: EndpointKey[];
	fixInSandbox: TodoItem[];
	/** Request fields to rename, catalogue paths to change or add. */
	changeInNode: TodoItem[];
}

export interface FidelityReport {
	recording: string;
	exchanges: number;
	endpoints: EndpointReport[];
	todo: FidelityTodo;
}

export function buildReport(recording: string, results: ExchangeResult[]): FidelityReport {
	const byEndpoint = new Map<string, EndpointReport>();
	for (const result of results) {
		const name = result.key ?? result.path;
		const report = byEndpoint.get(name) ?? newEndpointReport(name, result);
		byEndpoint.set(name, report);
		report.calls++;
		const atCataloguePath = result.key !== null && ENDPOINTS[result.key].path === result.path;
		if (result.real.code === 0) report.realSuccesses++;
		if (atCataloguePath && result.real.code === 0) report.succeededAtCataloguePath = true;
		for (const found of result.differences) {
			const same = report.differences.find(
				(each) => each.kind === found.kind && each.message === found.message,
			);
			if (same) same.seqs.push(result.seq);
			else report.differences.push({ ...found, seqs: [result.seq] });
		}
		for (const note of result.notes) {
			const text = `#${result.seq}: ${note}`;
			if (!report.notes.includes(text)) report.notes.push(text);
		}
	}
	const endpoints = [...byEndpoint.values()];
	return { recording, exchanges: results.length, endpoints, todo: todoOf(endpoints) };
}

function newEndpointReport(name: string, result: ExchangeResult): EndpointReport {
	return {
		endpoint: name,
		key: result.key,
		path: result.key ? ENDPOINTS[result.key].path : result.path,
		status: result.key ? ENDPOINTS[result.key].status : 'unknown',
		calls: 0,
		realSuccesses: 0,
		succeededAtCataloguePath: false,
		differences: [],
		notes: [],
	};
}

function todoOf(endpoints: EndpointReport[]): FidelityTodo {
	const items = (fixIn: Difference['fixIn']) =>
		endpoints.flatMap((report) =>
			report.differences
				.filter((each) => each.fixIn === fixIn)
				.map((each) => ({ endpoint: report.endpoint, message: each.message, seqs: each.seqs })),
		);
	return {
		canBeMarkedSeen: endpoints
			.filter(
				(report) => report.key && report.status === 'inferred' && report.succeededAtCataloguePath,
			)
			.map((report) => report.key!),
		fixInSandbox: items('sandbox'),
		changeInNode: items('node'),
	};
}
