/**
 * Browser bundle /sdk/portal.js: `<nexus-portal>`, `<nexus-data-table>` and
 * `<nexus-confirm-dialog>` with lit. The server's portal page (`/portal/`) loads it with one
 * `<script type="module">`.
 */
export * from '../portal/index.js';
export { setStrings, registerLocale } from '../i18n/strings.js';
export { loadLocale } from '../components/shared/localize.js';
