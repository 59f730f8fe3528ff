import { markOperation } from './markAs';

export const markAsRead = markOperation(true);
