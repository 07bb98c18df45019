/*
 * The widget loader's watch on the host page, served with loader.js as one script (/widget.js,
 * inside one function): the page's address and title, told again when either changes, whether
 * through history (a single-page shop), the address's hash or the title element. ES5, like the
 * loader.
 */

/**
 * Watches the page and calls `changed(context, moved)` 150 ms after the address or the title
 * changed (`moved`: the address did). Returns the check to run once the loader is mounted.
 */
function switchboardWatchPage(changed) {
  var timer = null;
  var last = '';

  function check() {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var context = { url: location.href, title: document.title, referrer: document.referrer };
      var key = context.url + '\n' + context.title;
      if (key === last) return;
      var moved = last !== '' && last.split('\n')[0] !== context.url;
      last = key;
      changed(context, moved);
    }, 150);
  }

  ['pushState', 'replaceState'].forEach(function (name) {
    var original = history[name];
    if (typeof original !== 'function') return;
    history[name] = function () {
      var result = original.apply(this, arguments);
      check();
      return result;
    };
  });
  window.addEventListener('popstate', check);
  window.addEventListener('hashchange', check);
  if (window.MutationObserver) {
    new MutationObserver(function (records) {
      for (var i = 0; i < records.length; i++) {
        var node = records[i].target;
        if (node.nodeName === 'TITLE' || (node.parentNode && node.parentNode.nodeName === 'TITLE') ||
          records[i].type === 'childList') {
          check();
          return;
        }
      }
    }).observe(document.head || document.documentElement, { subtree: true, childList: true, characterData: true });
  }
  return check;
}
