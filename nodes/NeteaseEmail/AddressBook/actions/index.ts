import type { Resource } from '../../shared/framework/resource';
import { account } from './account';
import { changeFeed } from './changeFeed';
import { contact } from './contact';
import { contactGroup } from './contactGroup';
import { department } from './department';
import { directory } from './directory';
import { employee } from './employee';
import { mailList } from './mailList';
import { visibility } from './visibility';

/** The address book's resources; the first is the one a new node starts on. */
export const resources: Resource[] = [
	account,
	department,
	mailList,
	contact,
	contactGroup,
	visibility,
	changeFeed,
	directory,
	employee,
];
