/**
 * The whole English catalogue, `defaultStrings`: self help (with the guided path and contact
 * us), live help and chat, the agent console, the portal.
 * Importing it registers every group (pages that load only some elements need not).
 */
import { agentStrings } from './strings-agent.js';
import { portalStrings } from './strings-portal.js';
import { contactStrings } from './strings-contact.js';
import { guideStrings } from './strings-guide.js';
import { liveStrings } from './strings-live.js';
import { coreStrings, type Catalogue } from './strings.js';

export const defaultStrings: Readonly<Catalogue> = { ...coreStrings, ...guideStrings, ...contactStrings, ...liveStrings, ...agentStrings, ...portalStrings };
