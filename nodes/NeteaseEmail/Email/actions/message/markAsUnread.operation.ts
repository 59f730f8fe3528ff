import { markOperation } from './markAs';

export const markAsUnread = markOperation(false);
