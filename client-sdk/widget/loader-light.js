/*
 * The widget loader's light start, served with loader.js as one script (/widget.js, inside one
 * function, so nothing here reaches the host page's globals). What this browser remembers for the
 * site, in the host page's own storage: the visit pass (it only reports pages), whether a chat is
 * going, the launcher's look and the visit count. While the page view is light, the page report
 * stands in for the frame: POST /v1/widget/page-view on load, on every address change and every
 * 30 s; an agent's invitation or a campaign in its answer starts the frame. On the first view,
 * with no pass yet, the report is POST /v1/widget/first-view, whose answer makes the visitor and
 * brings its pass and the launcher's look; the frame takes that visitor over when it starts.
 * ES5, like the loader.
 */

/**
 * The light start of one page view of the site. `start` starts the frame; `shown(look)` shows
 * the launcher with the look a first view's answer brought. `light` says whether this page view
 * is (still) light; the frame starts on every page view while a chat is going.
 */
function switchboardLightStart(siteKey, widgetOrigin, start, shown) {
  var key = 'switchboard:' + siteKey;
  var memory = load();
  var since = Date.now();
  var reportTimer = null;
  var offerTimer = null;
  // A first view's report is on its way: another would make a second visitor.
  var asking = false;

  function load() {
    try {
      return JSON.parse(localStorage.getItem(key)) || {};
    } catch (e) {
      return {};
    }
  }

  function save(changes) {
    for (var k in changes) memory[k] = changes[k];
    // No storage: every page view starts the frame.
    try {
      localStorage.setItem(key, JSON.stringify(memory));
      return true;
    } catch (e) {}
  }

  // A page load after 30 minutes without one is a new visit.
  var visits = Math.max(1, (memory.visits || 0) + (since - (memory.seenAt || 0) > 18e5 ? 1 : 0));
  var stored = save({ visits: visits, seenAt: since });

  var self = {
    // With a pass, the launcher's look is known too (none: the frame found the site unavailable).
    light: !!(stored && window.fetch && !memory.active && (!memory.pass || memory.look)),
    visits: visits,
    memory: function () { return memory; },
    save: save,
    since: function () { return since; },
    /** The page's address changed: its time on the page starts again. */
    moved: function () {
      since = Date.now();
      clearTimeout(offerTimer);
    },
    /** The frame started: the light start ends. */
    stop: function () {
      self.light = false;
      clearTimeout(reportTimer);
      clearTimeout(offerTimer);
    },
    report: report
  };

  function report() {
    if (asking) return;
    clearTimeout(reportTimer);
    if (!self.light) return;
    reportTimer = setTimeout(report, 30000);
    asking = !memory.pass;
    var page = { pass: memory.pass || undefined, siteKey: asking ? siteKey : undefined,
      url: location.href.slice(0, 2048),
      title: document.title.slice(0, 512), referrer: document.referrer.slice(0, 2048) || undefined,
      language: (navigator.language || 'en').slice(0, 35), visits: visits,
      secondsOnPage: Math.min(86400, Math.floor((Date.now() - since) / 1000)) };
    // A text/plain body and no Authorization header: a CORS simple request, without a preflight.
    fetch(widgetOrigin + '/v1/widget/' + (asking ? 'first-view' : 'page-view'), { method: 'POST',
      body: JSON.stringify(page), credentials: 'omit' }).then(function (response) {
      asking = false;
      // Refused (the pass expired, or an origin the site does not allow) or failed: the frame
      // takes over, and hands over a new pass when it reports.
      if (!response.ok) start();
      return response.ok ? response.json() : null;
    }).then(function (answer) {
      if (!answer || !self.light) return;
      if (answer.pass) {
        save({ pass: answer.pass, look: answer.look });
        shown(answer.look);
      }
      if (answer.invitation) start();
      else if (answer.campaign) {
        clearTimeout(offerTimer);
        offerTimer = setTimeout(start, Math.max(0, answer.campaign.afterSeconds || 0) * 1000);
      }
    }, function () {
      asking = false;
      // Not sent (offline, or the shop's Content-Security-Policy): the frame takes over.
      start();
    });
  }

  // A chat started in another tab: this one shows it too.
  window.addEventListener('storage', function (event) {
    if (event.key !== key) return;
    memory = load();
    if (self.light && memory.active) start();
  });

  return self;
}
