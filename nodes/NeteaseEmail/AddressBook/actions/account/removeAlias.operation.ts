import { aliasOperation } from './aliases';

export const removeAlias = aliasOperation(false);
