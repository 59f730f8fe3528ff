import { aliasOperation } from './aliases';

export const addAlias = aliasOperation(true);
