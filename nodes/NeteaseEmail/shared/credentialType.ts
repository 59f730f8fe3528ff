/** The one credential every NetEase node uses (its type name, as n8n stores it). */
export const CREDENTIAL_TYPE = 'neteaseEnterpriseEmailApi';
