// The server's validation messages are English ("brandColor: at most 500 characters"). A form
// shows the problem next to the field it names; in Chinese, the known kinds of problem are said
// in Chinese here (an unknown one keeps the server's words, so nothing is hidden).

import { t, language } from './i18n.js';

const PROBLEMS = [
  [/^required$/, () => t('server.required')],
  [/^at most (\d+) characters$/, (n) => t('server.atMost', { n })],
  [/^(\d+)(?: to |-)(\d+) characters$/, (min, max) => t('server.between', { min, max })],
  [/^a whole number from (-?\d+) to (-?\d+)$/, (min, max) => t('error.number', { min, max })],
  [/^must be a string$/, () => t('server.string')],
  [/^one of (.+)$/, (list) => t('server.oneOf', { list })],
  [/^a colour as #rrggbb, such as (#[0-9a-f]{6})$/i, (example) => t('server.colour', { example })],
  [/^'(.+)' is not an origin such as (\S+)$/, (value, example) => t('server.origin', { value, example })],
  [/^a list of origins such as (\S+)$/, (example) => t('server.origins', { example })],
  [/^at most (\d+) origins$/, (n) => t('server.maxOrigins', { n })],
  [/^not an email address$/, () => t('server.email')],
  [/^no queue (.+) on this site$/, (queue) => t('server.noQueue', { queue })],
  [/^a site (.+) exists$/, (id) => t('server.siteExists', { id })],
  [/^2 to 40 lower-case letters, digits and dashes, starting with a letter or digit$/, () => t('server.siteId')],
  [/^letters, digits, '-' and '_' only$/, () => t('server.word')],
  [/^\/(\S+) is taken by another canned reply; choose another or change that one$/, (shortcut) => t('server.shortcutTaken', { shortcut })],
  [/^you cannot change your own role; ask another admin$/, () => t('server.ownRole')],
  [/^an email address such as (\S+)$/, (example) => t('server.mailAddress', { example })],
  [/^(\d+) to (\d+) characters on one line, or null$/, (min, max) => t('server.oneLine', { min, max })],
  [/^a text of (\d+) to (\d+) characters$/, (min, max) => t('server.between', { min, max })],
  [/^a port from (\d+) to (\d+)$/, (min, max) => t('server.port', { min, max })],
  [/^required for a new mailbox$/, () => t('server.mailboxPassword')],
  [/^no such site$/, () => t('server.noSite')],
  [/^no queue (.+) on site (.+)$/, (queue, site) => t('server.noQueueOnSite', { queue, site })],
  [/^(\S+) is a support address already$/, (address) => t('server.addressTaken', { address })],
  [/^true or false$/, () => t('server.trueFalse')],
  [/^another folder than the one polled$/, () => t('server.otherFolder')],
  [/^a whole number of bytes from 1 to (\d+)$/, (max) => t('server.bytes', { max })],
  [/^must be at least maxFileBytes \((\d+)\)$/, (n) => t('server.atLeastFile', { n })],
  [/^content types like image\/png or image\/\*: (.+)$/, (value) => t('server.contentTypes', { value })],
];

/** The problem of a server message ("field: problem") in the console's language, or null. */
export function localProblem(problem) {
  if (language() === 'en') return problem;
  for (const [pattern, say] of PROBLEMS) {
    const match = pattern.exec(problem);
    if (match) return say(...match.slice(1));
  }
  return null;
}

/** A whole server message for a form's own error line: its problem in the console's language. */
export function localMessage(message) {
  if (language() === 'en') return message;
  const problem = /^[\w., ]+: (.+)$/.exec(message)?.[1];
  return (problem && localProblem(problem)) || message;
}
