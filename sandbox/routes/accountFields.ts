import { businessError, paramError } from '../envelope';
import { optionalString, requiredChoice, requiredString, type Params } from '../params';
import {
	isValidMd5Password,
	isValidMobile,
	NAME_MAX_LENGTH,
	PASS_TYPES,
	passwordProblem,
} from '../rules';
import { md5Hex } from '../state';

/** Validates `password` per `passType` and returns the MD5 to store. */
export function passwordDigest(params: Params, accountName: string): string {
	const password = requiredString(params, 'password');
	const passType = requiredChoice(params, 'passType', PASS_TYPES);
	if (passType === 1) {
		if (!isValidMd5Password(password)) throw paramError('password');
		return password.toLowerCase();
	}
	const problem = passwordProblem(password, accountName);
	if (problem) throw businessError('PASSWORD.INVALID', problem);
	return md5Hex(password);
}

/**
 * The mobile number under the first of `names` present, validated against `mobilePrefix`.
 * Undefined when absent; `""` clears it.
 */
export function optionalMobile(
	params: Params,
	names: string[],
): { mobile: string; mobilePrefix: string } | undefined {
	const name = names.find(
		(candidate) => params[candidate] !== undefined && params[candidate] !== null,
	);
	if (!name) return undefined;
	const mobile = optionalString(params, name)!.trim();
	const mobilePrefix = optionalString(params, 'mobilePrefix')?.trim() ?? '';
	if (mobile !== '' && !isValidMobile(mobile, mobilePrefix)) throw paramError(name);
	return { mobile, mobilePrefix: mobile === '' ? '' : mobilePrefix };
}

/** A display name: non-empty, at most 64 characters. */
export function displayName(params: Params, name: string): string {
	const value = requiredString(params, name).trim();
	if (value.length > NAME_MAX_LENGTH) throw paramError(name);
	return value;
}
