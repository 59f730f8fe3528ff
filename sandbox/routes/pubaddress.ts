import { businessError, paramError } from '../envelope';
import { optionalInteger, optionalList, optionalString, requiredString } from '../params';
import { isValidEmail } from '../rules';
import { displayName } from './accountFields';
import { requireDomain } from './lookup';
import type { RouteTable } from './route';

/** Public (external) contacts in the corporate address book. */
export const pubaddressRoutes: RouteTable = {
	'/api/open/pubaddress/createPubAddress': (ctx) => {
		requireDomain(ctx);
		const { body } = ctx;
		const email = requiredString(body, 'email').trim();
		if (!isValidEmail(email)) throw paramError('email');
		const address = ctx.rt.state.addPubAddress({
			email,
			name: displayName(body, 'name'),
			mobile: optionalString(body, 'mobile') ?? '',
			company: optionalString(body, 'company') ?? '',
			department: optionalString(body, 'department') ?? '',
			fax: optionalString(body, 'fax') ?? '',
			birthday: optionalInteger(body, 'birthday') ?? null,
			groupIds: optionalList(body, 'groupIds') ?? [],
		});
		return { addressId: address.addressId };
	},

	/** All-or-nothing: an unknown id deletes none (`PUBADDRESS.NOTEXIST:<id>`). */
	'/api/open/pubaddress/deletePubAddress': (ctx) => {
		requireDomain(ctx);
		const { pubAddresses } = ctx.rt.state;
		const ids = optionalList(ctx.body, 'addressIds') ?? [];
		if (ids.length === 0) throw paramError('addressIds');
		const unknown = ids.find((id) => !pubAddresses.has(id));
		if (unknown) throw businessError('PUBADDRESS.NOTEXIST', unknown);
		for (const id of ids) pubAddresses.delete(id);
		return null;
	},
};
