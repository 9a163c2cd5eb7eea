/* sitegen timeline filter: show only the events of one region and/or topic.
 * Without JavaScript the form stays hidden and the whole list is shown.
 * Entries carry data-regions (the place and every place above it) and
 * data-topics; the choice is kept in the URL (?region=…&topic=…) for sharing. */
(function () {
  'use strict';
  var form = document.getElementById('timeline-filter');
  if (!form) {
    return;
  }
  var region = form.elements.region;
  var topic = form.elements.topic;
  var status = document.getElementById('timeline-status');
  var empty = document.getElementById('timeline-empty');
  var events = document.querySelectorAll('.timeline .event');

  function has(element, name, value) {
    return !value || (' ' + element.getAttribute(name) + ' ').indexOf(' ' + value + ' ') !== -1;
  }

  function hideEmpty(selector) {
    var groups = document.querySelectorAll(selector);
    for (var i = 0; i < groups.length; i += 1) {
      groups[i].hidden = !groups[i].querySelector('.event:not([hidden])');
    }
  }

  function remember() {
    var params = new URLSearchParams(window.location.search);
    ['region', 'topic'].forEach(function (name) {
      if (form.elements[name].value) {
        params.set(name, form.elements[name].value);
      } else {
        params.delete(name);
      }
    });
    var query = params.toString();
    try {
      window.history.replaceState(null, '', window.location.pathname + (query ? '?' + query : ''));
    } catch (error) {
      /* file:// pages may refuse history changes; the filter still works. */
    }
  }

  function apply() {
    var shown = 0;
    for (var i = 0; i < events.length; i += 1) {
      var visible = has(events[i], 'data-regions', region.value) && has(events[i], 'data-topics', topic.value);
      events[i].hidden = !visible;
      shown += visible ? 1 : 0;
    }
    hideEmpty('.tl-month');
    hideEmpty('.tl-year');
    empty.hidden = shown !== 0;
    status.textContent = (region.value || topic.value)
      ? '显示 ' + shown + ' / ' + events.length + ' 个事件'
      : '共 ' + events.length + ' 个事件';
    remember();
  }

  function choose(select, value) {
    for (var i = 0; i < select.options.length; i += 1) {
      if (select.options[i].value === value) {
        select.value = value;
      }
    }
  }

  var params = new URLSearchParams(window.location.search);
  choose(region, params.get('region') || '');
  choose(topic, params.get('topic') || '');
  form.hidden = false;
  form.addEventListener('change', apply);
  form.addEventListener('reset', function () {
    window.setTimeout(apply, 0);
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
  });
  apply();
}());
