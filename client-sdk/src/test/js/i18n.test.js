// The shared translation helpers: language choice and placeholder filling.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createI18n, browserLanguage } from '../../../widget/common/i18n.js';

const STRINGS = {
  en: { hello: 'Hello {name}', only: 'English only' },
  'zh-CN': { hello: '你好 {name}' },
};

describe('translations', () => {
  test('a chosen language the app speaks wins; otherwise the browser\'s first known one', () => {
    const { pickLanguage } = createI18n(STRINGS);
    assert.equal(pickLanguage('zh-CN', ['en-US']), 'zh-CN');
    assert.equal(pickLanguage('auto', ['zh-TW', 'en']), 'zh-CN');
    assert.equal(pickLanguage(null, ['de-DE', 'en-GB']), 'en');
    assert.equal(pickLanguage('fr', ['fr-FR']), 'en');
    assert.equal(browserLanguage([]), 'en');
  });

  test('placeholders are filled, missing strings fall back to English and then to the key', () => {
    const i18n = createI18n(STRINGS);
    i18n.setLanguage('zh-CN');
    assert.equal(i18n.language(), 'zh-CN');
    assert.equal(i18n.t('hello', { name: 'Lena' }), '你好 Lena');
    assert.equal(i18n.t('only'), 'English only');
    assert.equal(i18n.t('missing.key'), 'missing.key');
    assert.equal(i18n.t('hello'), '你好 {name}');
    i18n.setLanguage('xx');
    assert.equal(i18n.language(), 'en');
  });
});
