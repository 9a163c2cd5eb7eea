/* sitegen: small helpers for every page. No dependencies.
 * Opened from file:// a browser shows a folder listing for `regions/` instead of
 * `regions/index.html`, so there (and only there) links to folders get index.html. */
(function () {
  'use strict';
  if (window.location.protocol !== 'file:') {
    return;
  }
  var external = /^([a-z][a-z0-9+.-]*:|\/\/|#)/i;
  function withIndex(href) {
    var match = /^([^?#]*)(.*)$/.exec(href);
    var path = match[1];
    if (path === '' || external.test(href)) {
      return href;
    }
    if (path.slice(-1) === '/') {
      return path + 'index.html' + match[2];
    }
    if (path === '.' || path === '..' || /\/\.\.?$/.test(path)) {
      return path + '/index.html' + match[2];
    }
    return href;
  }
  var links = document.querySelectorAll('a[href]');
  for (var i = 0; i < links.length; i += 1) {
    links[i].setAttribute('href', withIndex(links[i].getAttribute('href')));
  }
  var forms = document.querySelectorAll('form[action]');
  for (var j = 0; j < forms.length; j += 1) {
    forms[j].setAttribute('action', withIndex(forms[j].getAttribute('action')));
  }
}());
