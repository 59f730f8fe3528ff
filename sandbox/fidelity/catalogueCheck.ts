/** The recorded request's path against the endpoint catalogue: known, overridden, or unknown. */
import {
	ENDPOINTS,
	isEndpointKey,
	type EndpointKey,
} from '../../nodes/NeteaseEmail/shared/transport/endpoints';
import { difference, type Difference } from './differences';
import type { RecordedExchange } from './recording';
import { endpointKeyOf } from './recording';
import { similarity } from './similarity';

export interface CatalogueMatch {
	key: EndpointKey | null;
	/** Where the sandbox answers this call: the catalogue's default path (the sandbox knows no overrides). */
	sandboxPath: string;
	differences: Difference[];
}

export function matchCatalogue(
	exchange: RecordedExchange,
	overrides: Record<string, string>,
	realSucceeded: boolean,
): CatalogueMatch {
	const recordedKey =
		exchange.endpoint && isEndpointKey(exchange.endpoint) ? exchange.endpoint : null;
	const foundKey = recordedKey ?? endpointKeyOf(exchange.path, overrides);
	const key = foundKey && isEndpointKey(foundKey) ? foundKey : null;
	if (!key) {
		const closest = closestEndpoints(exchange.path)
			.map((each) => `${each} \`${ENDPOINTS[each].path}\``)
			.join(', ');
		const answered = realSucceeded ? 'the real platform answered code 0 there; ' : '';
		return {
			key: null,
			sandboxPath: exchange.path,
			differences: [
				difference(
					'unknownEndpoint',
					`\`${exchange.path}\` is in no catalogue entry (${answered}closest: ${closest || 'none'}); add it, or an override if it replaces one of them`,
					exchange.path,
				),
			],
		};
	}
	const defaultPath = ENDPOINTS[key].path;
	if (exchange.path === defaultPath) return { key, sandboxPath: defaultPath, differences: [] };
	const verdict = realSucceeded
		? `the real platform answered code 0 there: make it the catalogue path of ${key}`
		: 'the real platform did not answer code 0 there';
	return {
		key,
		sandboxPath: defaultPath,
		differences: [
			difference(
				'overriddenPath',
				`called at \`${exchange.path}\` (an override), the catalogue path is \`${defaultPath}\`; ${verdict}`,
				exchange.path,
			),
		],
	};
}

/** Up to three catalogue keys whose path looks most like `path` (same module first). */
export function closestEndpoints(path: string): EndpointKey[] {
	const segments = path.split('/').filter(Boolean);
	const module = segments[segments.length - 2] ?? '';
	const action = segments[segments.length - 1] ?? '';
	const score = (key: EndpointKey) => {
		const other = ENDPOINTS[key].path.split('/').filter(Boolean);
		const sameModule = other[other.length - 2] === module ? 1 : 0;
		return sameModule + similarity(action, other[other.length - 1] ?? '');
	};
	return (Object.keys(ENDPOINTS) as EndpointKey[])
		.map((key) => ({ key, score: score(key) }))
		.filter(({ score }) => score >= 0.6)
		.sort((a, b) => b.score - a.score)
		.slice(0, 3)
		.map(({ key }) => key);
}
