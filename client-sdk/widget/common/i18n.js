// Translation helpers shared by the widget and the console; each app keeps its own table of
// strings. Placeholders are written {name}; callers insert the result as text.

/** The first of the browser's languages the app speaks: 'zh-CN' for any Chinese, else 'en'. */
export function browserLanguage(browserLanguages) {
  for (const tag of browserLanguages || []) {
    const lower = String(tag).toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

/**
 * A translator over `strings` ({language: {key: template}}, with 'en' complete): t(key, params)
 * in the current language, falling back to English and then to the key itself.
 */
export function createI18n(strings) {
  let current = 'en';
  return {
    /** `chosen` when the app has strings for it (a site's or user's setting), else the browser's. */
    pickLanguage(chosen, browserLanguages) {
      return chosen && strings[chosen] ? chosen : browserLanguage(browserLanguages);
    },
    setLanguage(language) {
      current = strings[language] ? language : 'en';
    },
    language() {
      return current;
    },
    t(key, params = {}) {
      const template = strings[current][key] ?? strings.en[key] ?? key;
      return template.replace(/\{(\w+)\}/g, (match, name) => (Object.hasOwn(params, name) ? String(params[name]) : match));
    },
  };
}
