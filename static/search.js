/* sitegen search: live results under the header box of every page, and the
 * search page (filters, snippets, ?q= links). Plain JS, no dependencies.
 * It mirrors sitegen/search/text.py and reference.py: same normalisation,
 * phrases, index terms, scores and order. Index files under search/:
 * manifest.json, query.json, p/<hash bucket>.json (postings), x/<hash bucket>.json
 * (positions of character pairs), t/<n>.json (a long list a shard names), d/<n>.json (pages). */
(function () {
  'use strict';
  var script = document.currentScript;
  var site = new URL((script && script.getAttribute('data-base-url')) || './', location.href);
  var pageBox = document.querySelector('[data-search-page]');
  var indexUrl = pageBox ? new URL(pageBox.getAttribute('data-index'), location.href) : new URL('search/', site);
  var DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  var MARKS = '.,;:!';
  var CJK = '\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff\\u{20000}-\\u{3134f}';
  var RE_UNIT = new RegExp('[' + CJK + ']|(?:(?![' + CJK + '])[\\p{L}\\p{N}])+', 'gu');
  var RE_LATIN = new RegExp('^(?![' + CJK + '])[\\p{L}\\p{N}]$', 'u');
  var RE_SPACE = new RegExp('(?<=[' + CJK + '])[ \\t\\u1680]+|[ \\t\\u1680]+(?=[' + CJK + '])', 'gu');
  var RE_PHRASE = /[\p{L}\p{N}]+/gu;
  var RE_LINE = /[\n\r\v\f\x1c-\x1f\x85\u2028\u2029]/;
  var KINDS = { article: '文章', region: '地区', topic: '主题', entity: '人物与机构' };
  var VALUE = {};
  var CRC = [];
  var t2s = {};
  var vocab = {};
  var hot = new Set();
  var vocabLongest = 0;
  var manifest = null;
  var files = {};
  var terms = {};
  var chars = new Map();
  var ready = null;
  for (var n = 0; n < 256; n += 1) {
    var c = n;
    for (var k = 0; k < 8; k += 1) {
      c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    CRC[n] = c >>> 0;
    if (n < 64) {
      VALUE[DIGITS[n]] = n;
    }
  }

  /* ---------------------------------------------------------------- text */

  function normChar(ch) {
    var out = chars.get(ch);
    if (out === undefined) {
      out = '';
      for (var x of ch.normalize('NFKC').toLowerCase()) {
        out += RE_LINE.test(x) ? '\n' : t2s[x] || x;
      }
      chars.set(ch, out);
    }
    return out;
  }

  /* [normal form, index in `text` of each of its UTF-16 units] */
  function normMap(text) {
    var out = [];
    var from = [];
    var i = 0;
    for (var ch of text) {
      var m = normChar(ch);
      for (var j = 0; j < m.length; j += 1) {
        out.push(m[j]);
        from.push(i);
      }
      i += ch.length;
    }
    var s = out.join('');
    var keep = new Uint8Array(s.length).fill(1);
    s.replace(RE_SPACE, function (match, start) {
      keep.fill(0, start, start + match.length);
      return '';
    });
    return [out.filter(function (_, k) { return keep[k]; }).join(''), from.filter(function (_, k) { return keep[k]; })];
  }

  function phrasesOf(query) {
    var s = '';
    for (var ch of query) {
      s += normChar(ch);
    }
    return (s.match(RE_PHRASE) || []).filter(function (p, i, all) {
      return all.indexOf(p) === i;
    });
  }

  function replaceVocab(phrase) {
    var cs = Array.from(phrase);
    var out = '';
    for (var i = 0; i < cs.length; ) {
      for (var size = Math.min(vocabLongest, cs.length - i); size > 0; size -= 1) {
        var hit = vocab[cs.slice(i, i + size).join('')];
        if (hit !== undefined) {
          out += hit;
          i += size;
          break;
        }
      }
      if (size === 0) {
        out += cs[i];
        i += 1;
      }
    }
    return out;
  }

  /* ---------------------------------------------------------------- index files */

  function load(path, fresh) {
    if (!files[path]) {
      var url = new URL(path + (manifest ? '?v=' + manifest.key : ''), indexUrl);
      files[path] = fetch(url, fresh ? { cache: 'no-cache' } : {}).then(function (r) {
        if (!r.ok) {
          throw new Error(r.status + ' ' + url.pathname);
        }
        return r.json();
      });
    }
    return files[path];
  }

  function init() {
    if (!ready) {
      ready = load('manifest.json', true).then(function (m) {
        manifest = m;
        return load('query.json');
      }).then(function (table) {
        var cs = Array.from(table.chars);
        for (var i = 0; i + 1 < cs.length; i += 2) {
          t2s[cs[i]] = cs[i + 1];
        }
        vocab = table.phrases;
        hot = new Set(table.hot);
        vocabLongest = Object.keys(vocab).reduce(function (a, key) {
          return Math.max(a, Array.from(key).length);
        }, 0);
        chars.clear();
      });
    }
    return ready;
  }

  function bucket(term) {
    var bytes = new TextEncoder().encode(term);
    var crc = -1;
    for (var i = 0; i < bytes.length; i += 1) {
      crc = CRC[(crc ^ bytes[i]) & 255] ^ (crc >>> 8);
    }
    return ((crc ^ -1) >>> 0) & (manifest.buckets - 1);
  }

  function num(s) {
    var v = 0;
    for (var i = 0; i < s.length; i += 1) {
      v = v * 64 + VALUE[s[i]];
    }
    return v;
  }

  /* A term's postings (p) or positions (x): in its shard, or in the file t/<n>.json the shard names. */
  function shard(folder, term) {
    return load(folder + '/' + bucket(term).toString(16).padStart(3, '0') + '.json').then(function (data) {
      var found = data[term];
      return typeof found === 'number' ? load('t/' + found + '.json') : found || '';
    });
  }

  /* Map document id -> impact, in id order */
  function postings(term) {
    if (!terms[term]) {
      terms[term] = shard('p', term).then(function (data) {
        var w = manifest.idWidth;
        var out = new Map();
        for (var i = 0; i + w < data.length; i += w + 1) {
          out.set(num(data.substr(i, w)), VALUE[data[i + w]]);
        }
        return out;
      });
    }
    return terms[term];
  }

  /* Map document id -> token positions of a pair term */
  function positions(term) {
    return Promise.all([postings(term), shard('x', term)]).then(function (both) {
      var ids = Array.from(both[0].keys());
      var data = both[1];
      var out = new Map();
      var start = 0;
      for (var j = 0; j < data.length; j += 1) {
        var size = MARKS.indexOf(data[j]) + 1;
        if (size) {
          var places = [];
          for (var p = start; p < j; p += size) {
            places.push(num(data.substr(p, size)));
          }
          out.set(ids[out.size], places);
          start = j + 1;
        }
      }
      return out;
    });
  }

  function page(id) {
    var per = manifest.docsPerShard;
    return load('d/' + Math.floor(id / per) + '.json').then(function (rows) {
      return rows[id % per];
    });
  }

  /* ---------------------------------------------------------------- matching */

  function weight(list) {
    var total = manifest.documents;
    return Math.log(1 + (total - list.size + 0.5) / (list.size + 0.5)) / manifest.maxImpact;
  }

  /* Pair i sits at p + i for each i of a chain of pairs covering every unit. */
  function cover(count) {
    var chain = [];
    for (var i = 0; i < count - 1; i += 2) {
      chain.push(i);
    }
    if (chain[chain.length - 1] !== count - 2) {
      chain.push(count - 2);
    }
    return chain;
  }

  function verify(needed, candidates) {
    var chain = cover(needed.length + 1);
    return Promise.all(chain.map(function (i) { return positions(needed[i]); })).then(function (located) {
      return candidates.filter(function (id) {
        var later = chain.slice(1).map(function (c, i) { return [c, new Set(located[i + 1].get(id))]; });
        return located[0].get(id).some(function (p) {
          return later.every(function (s) { return s[1].has(p + s[0]); });
        });
      });
    });
  }

  function matchPhrase(phrase) {
    var units = phrase.match(RE_UNIT) || [];
    var needed = units.length === 1 ? units : units.slice(1).map(function (u, i) {
      return units[i] + u;
    });
    if ((units.length === 3 || units.length === 4) && cover(units.length).every(function (i) { return hot.has(needed[i]); })) {
      needed = [phrase];
    }
    var word = units.length >= manifest.minWordUnits ? postings('w:' + phrase) : Promise.resolve(new Map());
    return Promise.all(needed.map(postings).concat([word])).then(function (lists) {
      var words = lists.pop();
      var candidates = Array.from(lists[0].keys()).filter(function (id) {
        return lists.every(function (l) { return l.has(id); });
      });
      var checked = needed.length > 1 && candidates.length ? verify(needed, candidates) : candidates;
      return Promise.resolve(checked).then(function (found) {
        var weights = lists.map(weight);
        var wordWeight = weight(words);
        var scores = new Map();
        found.forEach(function (id) {
          var score = 0;
          lists.forEach(function (l, i) {
            score += l.get(id) * weights[i];
          });
          if (words.has(id)) {
            score += manifest.wordBoost * words.get(id) * wordWeight;
          }
          scores.set(id, score);
        });
        return scores;
      });
    });
  }

  function matchAll(phrases) {
    return Promise.all(phrases.map(matchPhrase)).then(function (maps) {
      return maps.reduce(function (acc, m) {
        var next = new Map();
        acc.forEach(function (s, id) {
          if (m.has(id)) {
            next.set(id, s + m.get(id));
          }
        });
        return next;
      });
    });
  }

  /* Pages containing every phrase of `query`, best first, within `filters`. */
  function search(query, filters) {
    return init().then(function () {
      var phrases = phrasesOf(query);
      if (!phrases.length) {
        return { ids: [], phrases: phrases };
      }
      return matchAll(phrases).then(function (scores) {
        var other = phrases.map(replaceVocab);
        if (scores.size || other.join() === phrases.join()) {
          return [scores, phrases, false];
        }
        return matchAll(other).then(function (s) {
          return [s, other, true];
        });
      }).then(function (found) {
        var names = Object.keys(filters).filter(function (key) { return filters[key]; }).sort();
        return Promise.all(names.map(function (key) {
          return postings(key[0] + ':' + filters[key]);
        })).then(function (allowed) {
          var scores = found[0];
          var ids = [];
          scores.forEach(function (_, id) {
            if (allowed.every(function (l) { return l.has(id); })) {
              ids.push(id);
            }
          });
          ids.sort(function (a, b) {
            return scores.get(b) - scores.get(a) || a - b;
          });
          return { ids: ids, phrases: found[1], replaced: found[2] };
        });
      });
    });
  }

  /* ---------------------------------------------------------------- display */

  function esc(s) {
    return s.replace(/[&<>"']/g, function (ch) {
      return '&#' + ch.charCodeAt(0) + ';';
    });
  }

  function occurrences(s, phrases) {
    var found = [];
    phrases.forEach(function (p) {
      var latinStart = RE_LATIN.test(p[0]);
      var latinEnd = RE_LATIN.test(p[p.length - 1]);
      for (var at = s.indexOf(p); at >= 0; at = s.indexOf(p, at + 1)) {
        var end = at + p.length;
        if (!(latinStart && at > 0 && RE_LATIN.test(s[at - 1])) && !(latinEnd && end < s.length && RE_LATIN.test(s[end]))) {
          found.push([at, end]);
        }
      }
    });
    return found.sort(function (a, b) { return a[0] - b[0]; });
  }

  /* HTML of `text` (or of a window of `width` around the first match) with matches marked. */
  function highlight(text, phrases, width) {
    var nm = normMap(text);
    var from = nm[1];
    var marks = occurrences(nm[0], phrases).map(function (h) {
      var last = from[h[1] - 1];
      return [from[h[0]], last + (text.codePointAt(last) > 0xffff ? 2 : 1)];
    });
    var start = 0;
    var stop = text.length;
    if (width) {
      start = Math.max(0, (marks.length ? marks[0][0] : 0) - (width >> 2));
      stop = Math.min(text.length, start + width);
    }
    var html = start ? '…' : '';
    var at = start;
    marks.forEach(function (m) {
      if (m[0] >= at && m[1] <= stop) {
        html += esc(text.slice(at, m[0])) + '<mark>' + esc(text.slice(m[0], m[1])) + '</mark>';
        at = m[1];
      }
    });
    return (html + esc(text.slice(at, stop)) + (stop < text.length ? '…' : '')).replace(/\n+/g, ' ');
  }

  function href(row) {
    return new URL(row[0], site).href;
  }

  function meta(row) {
    return [row[3], row[4], KINDS[row[2]]].filter(Boolean).join(' · ');
  }

  function debounce(fn) {
    var timer = 0;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(fn, 150);
    };
  }

  function failed(error) {
    return location.protocol === 'file:' ? '从本地文件打开时无法搜索，请通过网页服务器访问本站。' : '搜索索引加载失败：' + error.message;
  }

  /* ---------------------------------------------------------------- search page */

  function searchPage(box) {
    var form = box.querySelector('form');
    var input = form.elements.q;
    var status = box.querySelector('.search-status');
    var list = box.querySelector('.search-results');
    var more = box.querySelector('.search-more');
    var selects = Array.from(box.querySelectorAll('select[data-facet]'));
    var params = new URLSearchParams(location.search);
    var result = null;
    var shown = 0;
    var turn = 0;
    input.value = params.get('q') || '';

    function filters() {
      var f = {};
      selects.forEach(function (s) { f[s.name] = s.value; });
      return f;
    }

    function remember() {
      var p = new URLSearchParams();
      if (input.value) {
        p.set('q', input.value);
      }
      selects.forEach(function (s) {
        if (s.value) {
          p.set(s.name, s.value);
        }
      });
      var qs = p.toString();
      history.replaceState(null, '', location.pathname + (qs ? '?' + qs : ''));
    }

    function showMore() {
      var mine = turn;
      var batch = result.ids.slice(shown, shown + 10);
      shown += batch.length;
      more.hidden = shown >= result.ids.length;
      return Promise.all(batch.map(page)).then(function (rows) {
        if (mine !== turn) {
          return;
        }
        rows.forEach(function (row) {
          var li = document.createElement('li');
          li.innerHTML = '<a href="' + esc(href(row)) + '">' + highlight(row[1], result.phrases, 0) + '</a>' +
            '<div class="meta">' + esc(meta(row)) + '</div><p>' + highlight(row[6], result.phrases, 120) + '</p>';
          list.appendChild(li);
        });
      });
    }

    function run() {
      var mine = ++turn;
      var query = input.value;
      remember();
      list.innerHTML = '';
      more.hidden = true;
      if (!phrasesOf(query).length) {
        status.textContent = query.trim() ? '请输入汉字、字母或数字。' : '';
        return;
      }
      status.textContent = '正在搜索…';
      search(query, filters()).then(function (r) {
        if (mine !== turn) {
          return;
        }
        result = r;
        shown = 0;
        var note = r.replaced ? '（原文未出现“' + query.trim() + '”，以下为“' + r.phrases.join(' ') + '”的结果）' : '';
        return showMore().then(function () {
          if (mine === turn) {
            status.textContent = r.ids.length ? '找到 ' + r.ids.length + ' 条结果' + note : '没有找到与“' + query.trim() + '”相关的结果。';
          }
        });
      }).catch(function (error) {
        status.textContent = failed(error);
      });
    }

    function links() {
      return Array.from(list.querySelectorAll('li > a'));
    }

    init().then(function () {
      selects.forEach(function (s) {
        (manifest.facets[s.name] || []).forEach(function (f) {
          s.add(new Option(f[0] + '（' + f[1] + '）', String(f[0])));
        });
        s.value = params.get(s.name) || '';
      });
      if (input.value) {
        run();
      }
    }).catch(function (error) {
      status.textContent = failed(error);
    });
    input.addEventListener('input', debounce(run));
    selects.forEach(function (s) { s.addEventListener('change', run); });
    more.addEventListener('click', showMore);
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      run();
    });
    box.addEventListener('keydown', function (e) {
      var all = links();
      var at = all.indexOf(document.activeElement);
      if (e.key === 'Escape') {
        input.value = '';
        input.focus();
        run();
      } else if (e.key === 'ArrowDown' && (at >= 0 || e.target === input) && all.length) {
        e.preventDefault();
        all[Math.min(at + 1, all.length - 1)].focus();
      } else if (e.key === 'ArrowUp' && at >= 0) {
        e.preventDefault();
        (at ? all[at - 1] : input).focus();
      }
    });
  }

  /* ---------------------------------------------------------------- header box */

  /* Results as links under the box: ArrowDown/ArrowUp move through them, Enter
   * opens one, Escape returns to the box (twice: clears it). */
  function headerBox(form) {
    var input = form.querySelector('input[name=q]');
    var panel = document.createElement('div');
    var status = document.createElement('p');
    var list = document.createElement('ul');
    var turn = 0;
    panel.className = 'search-dropdown';
    panel.id = 'site-search-results';
    panel.setAttribute('role', 'region');
    panel.setAttribute('aria-label', '搜索结果');
    panel.hidden = true;
    status.setAttribute('aria-live', 'polite');
    panel.appendChild(status);
    panel.appendChild(list);
    form.appendChild(panel);
    input.setAttribute('aria-controls', panel.id);

    function links() {
      return Array.from(panel.querySelectorAll('a'));
    }

    function run() {
      var mine = ++turn;
      var query = input.value;
      if (!phrasesOf(query).length) {
        panel.hidden = true;
        return;
      }
      search(query, {}).then(function (r) {
        return Promise.all(r.ids.slice(0, 8).map(page)).then(function (rows) {
          if (mine !== turn) {
            return;
          }
          var all = new URL('search/?q=' + encodeURIComponent(query), site).href;
          list.innerHTML = rows.map(function (row) {
            return '<li><a href="' + esc(href(row)) + '">' + highlight(row[1], r.phrases, 0) +
              '<span class="meta">' + esc(meta(row)) + '</span></a></li>';
          }).join('') + (r.ids.length ? '<li><a href="' + esc(all) + '">查看全部 ' + r.ids.length + ' 条结果</a></li>' : '');
          status.textContent = r.ids.length ? '找到 ' + r.ids.length + ' 条结果，按 ↓ 选择' : '没有找到“' + query.trim() + '”的结果';
          panel.hidden = false;
        });
      }).catch(function (error) {
        list.innerHTML = '';
        status.textContent = failed(error);
        panel.hidden = false;
      });
    }

    input.addEventListener('input', debounce(run));
    form.addEventListener('keydown', function (e) {
      var all = links();
      var at = all.indexOf(document.activeElement);
      if (e.key === 'Escape') {
        if (panel.hidden) {
          input.value = '';
        }
        panel.hidden = true;
        input.focus();
      } else if (e.key === 'ArrowDown' && !panel.hidden && all.length) {
        e.preventDefault();
        all[Math.min(at + 1, all.length - 1)].focus();
      } else if (e.key === 'ArrowUp' && at >= 0) {
        e.preventDefault();
        (at ? all[at - 1] : input).focus();
      }
    });
    form.addEventListener('focusout', function (e) {
      if (!form.contains(e.relatedTarget)) {
        panel.hidden = true;
      }
    });
  }

  var style = document.createElement('style');
  style.textContent = '.site-search{position:relative}.search-dropdown{position:absolute;top:100%;right:0;z-index:30;' +
    'width:min(26rem,94vw);margin:.25rem 0 0;padding:.25rem 0;background:var(--bg);color:var(--fg);' +
    'border:1px solid var(--border);border-radius:6px;box-shadow:0 6px 18px rgba(0,0,0,.2)}' +
    '.search-dropdown p{margin:.2rem .75rem;color:var(--muted);font-size:.85rem}.search-dropdown ul{list-style:none;' +
    'margin:0;padding:0}.search-dropdown a{display:block;padding:.35rem .75rem;color:inherit;text-decoration:none}' +
    '.search-dropdown a:hover,.search-dropdown a:focus{background:var(--accent-soft)}' +
    '.search-dropdown .meta{display:block;color:var(--muted);font-size:.82rem}';
  document.head.appendChild(style);
  if (pageBox) {
    searchPage(pageBox);
  } else {
    Array.from(document.querySelectorAll('form[role=search]')).forEach(headerBox);
  }
}());
