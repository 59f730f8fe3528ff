import { getAdditionalKeys } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsEncrypted,
	ICredentialsExpressionResolveValues,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowDataProxyAdditionalKeys,
	IWorkflowExecuteAdditionalData,
	Workflow,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	ICredentials,
	ICredentialsHelper,
	NodeHelpers,
	UserError,
	getCredentialOwnRequestAllowedDomains,
	isExpression,
} from 'n8n-workflow';

import type { CredentialStore } from './credential-store';
import type { CredentialTypeRegistry } from './credential-types';

/** `ICredentials` over a store record, in clear text (n8n's `Credentials` encrypts). */
class StoredCredentials extends ICredentials {
	constructor(
		details: INodeCredentialsDetails,
		type: string,
		private decrypted: ICredentialDataDecryptedObject,
	) {
		super(details, type, JSON.stringify(decrypted));
	}

	async getData(): Promise<ICredentialDataDecryptedObject> {
		return structuredClone(this.decrypted);
	}

	getDataToSave(): ICredentialsEncrypted {
		return { id: this.id, name: this.name, type: this.type, data: this.data };
	}

	async setData(data: ICredentialDataDecryptedObject): Promise<void> {
		this.decrypted = structuredClone(data);
		this.data = JSON.stringify(data);
	}

	async updateData(
		toUpdate: Partial<ICredentialDataDecryptedObject>,
		toDelete: string[] = [],
	): Promise<void> {
		const next = { ...this.decrypted, ...toUpdate } as ICredentialDataDecryptedObject;
		for (const key of toDelete) delete next[key];
		await this.setData(next);
	}
}

/**
 * Narrows the helpers handed to a credential's `preAuthentication` to `httpRequest`, honouring
 * the credential's own domain allowlist — as n8n's CLI helper does.
 */
function restrictToCredentialDomains(
	holder: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): IHttpRequestHelper {
	return {
		helpers: {
			httpRequest: async (requestOptions: IHttpRequestOptions) => {
				const allowedDomains = getCredentialOwnRequestAllowedDomains(credentials);
				if (allowedDomains === undefined) return await holder.helpers.httpRequest(requestOptions);
				if (requestOptions.allowedDomains !== undefined) {
					throw new UserError(
						'This credential restricts requests to specific domains, which cannot be combined with the domains its authentication step asks for.',
					);
				}
				return await holder.helpers.httpRequest({ ...requestOptions, allowedDomains });
			},
		},
	};
}

/**
 * What `additionalData.credentialsHelper` is in n8n: modelled on n8n's CLI `CredentialsHelper`
 * (packages/cli/src/credentials-helper.ts, n8n 2.40), with a `CredentialStore` in place of the
 * database and without overwrites, external secrets, dynamic credentials or OAuth.
 */
export class HarnessCredentialsHelper extends ICredentialsHelper {
	constructor(
		readonly store: CredentialStore,
		readonly credentialTypes: CredentialTypeRegistry,
	) {
		super();
	}

	getParentTypes(name: string): string[] {
		return this.credentialTypes.getParentTypes(name);
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		if (!this.credentialTypes.has(credentialType)) return true;
		const type = this.credentialTypes.getByName(credentialType);
		if (!type.restrictToSupportedNodes) return true;
		return (type.supportedNodes ?? []).some(
			(name) => name === nodeType || nodeType.endsWith(`.${name}`),
		);
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.credentialTypes.getProperties(type);
	}

	/** Applies the credential type's `authenticate` (generic object or function) to the request. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incomingRequestOptions as IHttpRequestOptions;
		const { authenticate } = this.credentialTypes.getByName(typeName);
		if (authenticate === undefined) return requestOptions;

		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions);
		}

		if (!workflow || !node) {
			throw new Error('Workflow and node are required for declarative credential authentication');
		}
		requestOptions.headers ??= {};
		if (authenticate.type !== 'generic') return requestOptions;

		const additionalKeys = { $credentials: credentials } as IWorkflowDataProxyAdditionalKeys;
		const resolve = (value: string): string => {
			if (!isExpression(value)) return value;
			const resolved = workflow.expression.getSimpleParameterValue(
				node,
				value,
				'internal',
				additionalKeys,
				undefined,
				'',
			);
			return resolved ? resolved.toString() : '';
		};

		const target = requestOptions as unknown as Record<string, Record<string, unknown> | undefined>;
		for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
			for (const [key, value] of Object.entries(outerValue as Record<string, string>)) {
				const section = (target[outerKey] ??= {});
				section[resolve(key)] = resolve(value);
			}
		}
		return requestOptions;
	}

	/**
	 * n8n's semantics exactly: only the type's FIRST hidden property with
	 * `typeOptions.expirable === true` counts. When it is '' (or `credentialsExpired`), the type's
	 * `preAuthentication` runs with `holder` as `this`; its output is persisted on the credential
	 * the node references (`node.credentials[typeName].id`; the expirable key always, other keys
	 * unless the stored value is an expression), merged INTO `credentials` and returned.
	 */
	async preAuthentication(
		holder: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.credentialTypes.getByName(typeName);
		const expirableProperty = credentialType.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (expirableProperty?.name === undefined) return undefined;
		if (typeof credentialType.preAuthentication !== 'function') return undefined;

		const isTestingCredentials =
			node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (
			credentials[expirableProperty.name] !== '' &&
			!credentialsExpired &&
			!isTestingCredentials
		) {
			return undefined;
		}

		const output = (await credentialType.preAuthentication.call(
			restrictToCredentialDomains(holder, credentials),
			credentials,
		)) as ICredentialDataDecryptedObject;
		if (output[expirableProperty.name] === undefined) return undefined;
		// n8n only persists and returns when the node references credentials at all.
		if (!node.credentials) return undefined;

		const nodeCredentials = this.nodeCredentialsFor(node, credentialType.name);
		const storedData = await (await this.getCredentials(nodeCredentials, typeName)).getData();
		const dataToPersist: ICredentialDataDecryptedObject = { ...storedData };
		for (const [key, value] of Object.entries(output)) {
			if (key === expirableProperty.name || !isExpression(storedData[key])) {
				dataToPersist[key] = value;
			}
		}
		await this.updateCredentials(nodeCredentials, typeName, dataToPersist);
		return Object.assign(credentials, output);
	}

	/** Runs `preAuthentication` without the expirable guard or persistence (used for OAuth2). */
	async runPreAuthentication(
		holder: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.credentialTypes.getByName(typeName);
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		const output = await credentialType.preAuthentication.call(
			restrictToCredentialDomains(holder, credentials),
			credentials,
		);
		return (output as ICredentialDataDecryptedObject) ?? undefined;
	}

	async getCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentials> {
		const record = this.findRecord(nodeCredentials, type);
		return new StoredCredentials({ id: record.id, name: record.name }, record.type, record.data);
	}

	/**
	 * The stored data with the type's defaults applied (as n8n does: properties the type does not
	 * declare are dropped) and `={{ }}` values resolved against the running node (n8n also
	 * resolves them outside a run; the harness only inside one). `raw` returns the stored data
	 * as is. Always a copy.
	 */
	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.findRecord(nodeCredentials, type).data;
		if (raw === true) return stored;

		const properties = this.getCredentialsProperties(type);
		let decrypted = (NodeHelpers.getNodeParameters(
			properties,
			stored as INodeParameters,
			true,
			false,
			null,
			null,
		) ?? {}) as ICredentialDataDecryptedObject;
		if (stored.oauthTokenData !== undefined) decrypted.oauthTokenData = stored.oauthTokenData;

		const hasExpression = Object.values(decrypted).some((value) => isExpression(value));
		if (hasExpression && expressionResolveValues) {
			const additionalKeys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });
			try {
				decrypted = expressionResolveValues.workflow.expression.getParameterValue(
					decrypted as INodeParameters,
					expressionResolveValues.runExecutionData,
					expressionResolveValues.runIndex,
					expressionResolveValues.itemIndex,
					expressionResolveValues.node.name,
					expressionResolveValues.connectionInputData,
					mode,
					additionalKeys,
					executeData,
					false,
					decrypted,
				) as ICredentialDataDecryptedObject;
			} catch (error) {
				(error as Error).message += ' [Error resolving credentials]';
				throw error;
			}
		}
		return decrypted;
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const record = this.findRecord(nodeCredentials, type);
		this.store.set(record.id, data);
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const record = this.findRecord(nodeCredentials, type);
		this.store.set(record.id, { ...record.data, oauthTokenData: data.oauthTokenData });
	}

	private nodeCredentialsFor(node: INode, typeName: string): INodeCredentialsDetails {
		const details = node.credentials?.[typeName];
		if (!details) {
			throw new Error(`Node "${node.name}" has no credential of type "${typeName}" set`);
		}
		return details;
	}

	private findRecord(nodeCredentials: INodeCredentialsDetails | undefined, type: string) {
		if (!nodeCredentials?.id) {
			throw new Error(
				`Credential "${nodeCredentials?.name ?? '?'}" of type "${type}" has no ID (set node.credentials.${type}.id)`,
			);
		}
		const record = this.store.get(nodeCredentials.id);
		if (!record || record.type !== type) {
			throw new Error(
				`Credential with ID "${nodeCredentials.id}" does not exist for type "${type}".`,
			);
		}
		return record;
	}
}
