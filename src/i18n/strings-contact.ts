/**
 * English strings of contact us (`<nexus-contact-us>`), registered when it loads.
 */
import { registerEnglish } from './strings.js';

export const contactStrings = {
  contactHeading: 'Still need help?',
  contactChat: 'Chat with us',
  contactCall: 'Call us',
  contactCallNumber: 'Call {phone}',
  contactCallHint: 'Our team is ready to help by phone.',
  contactChatUnavailable: 'Chat is not available on this page right now. Please try another way to reach us.',
} as const;

registerEnglish(contactStrings);
