// A card of the sites tab that edits one site's settings through a FieldForm: its form element
// (title, intro, fields, the form's error line, a save button) and showing it for a site, loading
// what the server holds; a site not created yet hides it. The server's refusals show beside the
// field they name.

import { h } from '../dom.js';

/** The card's form: `id` prefixes its element ids (`${id}-card`, `${id}-title`, `${id}-save`). */
export function siteCardForm(id, { title, intro, saveLabel, form, onSave }) {
  return h('form', {
    class: 'card admin-form', id: `${id}-card`, 'aria-labelledby': `${id}-title`, novalidate: true,
    on: { submit: (e) => { e.preventDefault(); onSave(); } },
  },
  h('h2', { id: `${id}-title`, text: title }),
  h('p', { class: 'muted small', text: intro }),
  form.element, form.formError,
  h('div', { class: 'dialog-actions' }, h('button', { type: 'submit', class: 'button primary', id: `${id}-save`, text: saveLabel })));
}

/** Shows `panel` (with element, form and render) for `site`, loading its settings with `load`. */
export async function showSiteCard(panel, site, load) {
  panel.site = site;
  panel.element.hidden = !site;
  if (!site) return;
  try {
    panel.render(await load(site.id));
  } catch (error) {
    panel.form.showServerError(error);
  }
}
