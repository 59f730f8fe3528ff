export * from './additional-data';
export * from './credential-store';
export * from './credential-types';
export * from './credentials-helper';
export * from './n8n-core-setup';
export * from './node-types';
export * from './run-workflow';
export * from './trigger-contexts';
