// The search box in the top bar: "/" focuses it (app.js), Enter opens #/search with the words,
// where the results page takes over.

import { t } from '../i18n.js';
import { h, icon } from '../dom.js';

export function searchBox() {
  const input = h('input', {
    type: 'search', id: 'topbar-search', name: 'q', maxLength: 200, autocomplete: 'off',
    placeholder: t('search.placeholder'), 'aria-label': t('search.box'), title: t('search.shortcut'),
    'aria-keyshortcuts': '/',
  });
  return h('form', {
    class: 'topbar-search', role: 'search', on: {
      submit: (e) => {
        e.preventDefault();
        const q = input.value.trim();
        if (!q) return;
        location.hash = `#/search?${new URLSearchParams({ q })}`;
        input.blur();
      },
    },
  }, input, h('button', { type: 'submit', class: 'icon-button', 'aria-label': t('search.submit'), title: t('search.submit') }, icon('search')));
}
