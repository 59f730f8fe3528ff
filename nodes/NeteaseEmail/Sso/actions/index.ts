import type { Resource } from '../../shared/framework/resource';
import { loginAccess } from './loginAccess';
import { loginLink } from './loginLink';

/** The single sign-on module's resources; the first is the one a new node starts on. */
export const resources: Resource[] = [loginLink, loginAccess];
