import type { ICredentialType, INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

/** Credential types as a test supplies them: instances or classes, keyed by type name. */
export type CredentialTypeMap = Record<string, ICredentialType | (new () => ICredentialType)>;

/** Looks credential types up by name, like n8n's `CredentialTypes` service. */
export class CredentialTypeRegistry {
	private readonly types = new Map<string, ICredentialType>();

	constructor(map: CredentialTypeMap = {}) {
		for (const [name, entry] of Object.entries(map)) {
			const type = typeof entry === 'function' ? new entry() : entry;
			if (type.name !== name) {
				throw new Error(
					`Credential type registered as "${name}" is named "${type.name}"; use its name as the key`,
				);
			}
			this.types.set(name, type);
		}
	}

	has(name: string): boolean {
		return this.types.has(name);
	}

	getByName(name: string): ICredentialType {
		const type = this.types.get(name);
		if (!type) throw new Error(`Unknown credential type "${name}" (not given to the harness)`);
		return type;
	}

	/** All ancestors named in `extends`, nearest first (n8n's `CredentialTypes.getParentTypes`). */
	getParentTypes(name: string): string[] {
		const parents = this.types.get(name)?.extends ?? [];
		return [...parents, ...parents.flatMap((parent) => this.getParentTypes(parent))];
	}

	/** The type's properties merged over its parents' (n8n's `getCredentialsProperties`). */
	getProperties(name: string): INodeProperties[] {
		const type = this.getByName(name);
		if (type.extends === undefined) return type.properties;
		const combined: INodeProperties[] = [];
		for (const parent of type.extends) {
			NodeHelpers.mergeNodeProperties(combined, this.getProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(combined, type.properties);
		return combined;
	}
}
