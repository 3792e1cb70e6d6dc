/* Wegwijzer web chat. Plain script, no framework; strict CSP: no inline code or styles,
   no innerHTML with data. Nothing is stored in the browser: the conversation id lives in
   a variable only, and is forgotten on the server on quick exit, start again and leaving. */
(function () {
  'use strict';

  var TIMEOUT = 20000;
  var OFFICIAL = ['wetten.overheid.nl', 'zoek.officielebekendmakingen.nl', 'eur-lex.europa.eu', 'www.coe.int'];
  var SECONDARY = ['not_needed', 'not_applicable'];
  var ICONS = {
    applies: 'M5.5 10.5l3 3 6-7', possible: 'M10 1.5a8.5 8.5 0 0 1 0 17z', not_yet: 'M10 5v5l3.5 2',
    unknown: 'M7.6 7.6a2.5 2.5 0 1 1 3.4 2.3c-.7.3-1 .8-1 1.5v.6M10 14.3v.4',
    not_needed: 'M6 10h8', not_applicable: 'M7 7l6 6M13 7l-6 6'
  };

  var S = {
    data: null, lang: null, id: null, busy: false, pending: null, gen: 0, uid: 0,
    exitUrl: null, max: 2000, escapes: [], pointer: '', scrollY: 0, numbers: null
  };

  function $(id) { return document.getElementById(id); }

  function el(tag, cls, text, lang) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = text;
    if (lang) node.lang = lang;
    return node;
  }

  function uid(prefix) { S.uid += 1; return prefix + S.uid; }

  // ---- texts -------------------------------------------------------------------------

  function tr(key, values, lang) {
    var texts = S.data ? S.data.texts : {};
    var own = texts[lang || S.lang] || {};
    var text = own[key];
    if (typeof text !== 'string') {
      text = (texts.nl || {})[key] || (texts.en || {})[key] || '';
    }
    return text.replace(/%\{(\w+)\}/g, function (all, name) {
      return values && values[name] != null ? String(values[name]) : all;
    });
  }

  function applyTexts() {
    var nodes = document.querySelectorAll('[data-t]');
    for (var i = 0; i < nodes.length; i++) nodes[i].textContent = tr(nodes[i].getAttribute('data-t'));
    document.documentElement.lang = S.lang;
    document.title = tr('title');
    $('message-input').placeholder = tr('placeholder');
    $('call-112').textContent = tr('call', { phone: '112' });
    var choose = $('choose-language');
    choose.textContent = '';
    S.data.languages.forEach(function (language, i) {
      if (i) choose.appendChild(document.createTextNode(' · '));
      choose.appendChild(el('span', '', tr('choose_language', null, language.code), language.code));
    });
    var switches = document.querySelectorAll('.lang-switch button');
    for (var j = 0; j < switches.length; j++) {
      switches[j].setAttribute('aria-pressed', String(switches[j].lang === S.lang));
    }
    $('lang-switch').setAttribute('aria-label', tr('language'));
    $('lang-switch-low').setAttribute('aria-label', tr('language'));
    fillContacts($('help-contacts'));
    fillContacts($('error-contacts'));
    if (S.busy) showTyping(true);
    if (!$('input-error').hidden) $('input-error').textContent = tr('too_long', { max: S.max });
  }

  function pickLanguage() {
    var codes = S.data.languages.map(function (l) { return l.code; });
    var wanted = navigator.languages || [navigator.language || ''];
    for (var i = 0; i < wanted.length; i++) {
      var code = String(wanted[i]).slice(0, 2).toLowerCase();
      if (codes.indexOf(code) >= 0) return code;
    }
    // A browser in another language: English is more likely to be read than Dutch.
    return codes.indexOf('en') >= 0 ? 'en' : codes[0];
  }

  // ---- network -----------------------------------------------------------------------

  // Every call can fail or hang: after TIMEOUT it is aborted, and the caller shows the error.
  function request(method, path, body) {
    var controller = new AbortController();
    var timer = setTimeout(function () { controller.abort(); }, TIMEOUT);
    var options = { method: method, headers: {}, cache: 'no-store', credentials: 'omit', signal: controller.signal };
    if (body) {
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    return fetch(path, options).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { ok: response.ok, status: response.status, data: data || {} };
      });
    }).then(function (result) {
      clearTimeout(timer);
      return result;
    }, function (failure) {
      clearTimeout(timer);
      throw failure;
    });
  }

  function forget(id) {
    if (!id) return;
    try {
      fetch('/chat/forget', {
        method: 'POST', keepalive: true, credentials: 'omit', cache: 'no-store',
        headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ conversation_id: id })
      }).catch(function () {});
    } catch (e) { /* leaving anyway */ }
  }

  function startConversation() {
    return request('POST', '/chat/start', {}).then(function (r) {
      if (!r.ok || typeof r.data.conversation_id !== 'string') throw new Error('start');
      S.id = r.data.conversation_id;
    });
  }

  // ---- quick exit --------------------------------------------------------------------

  function safeUrl(url) {
    try {
      var parsed = new URL(url, location.href);
      return /^https?:$/.test(parsed.protocol) ? parsed.href : null;
    } catch (e) { return null; }
  }

  function quickExit(event) {
    if (event) event.preventDefault();
    var id = S.id;
    S.id = null;
    S.gen += 1;
    forget(id);
    document.title = '';
    document.body.textContent = '';
    window.location.replace(S.exitUrl);
  }

  function enhanceExit() {
    var link = $('quick-exit');
    S.exitUrl = safeUrl(link.getAttribute('href')) || 'https://www.buienradar.nl/';
    var button = el('button', 'btn btn-exit exit');
    button.type = 'button';
    button.id = 'quick-exit';
    button.setAttribute('data-t', 'quick_exit');
    while (link.firstChild) button.appendChild(link.firstChild);
    link.parentNode.replaceChild(button, link);
    document.addEventListener('click', function (event) {
      var target = event.target.closest ? event.target.closest('.exit') : null;
      if (target) quickExit(event);
    });
  }

  function onKey(event) {
    if (event.key !== 'Escape' && event.key !== 'Esc') return;
    var now = Date.now();
    S.escapes = S.escapes.filter(function (t) { return now - t < 2000; });
    S.escapes.push(now);
    if (S.escapes.length >= 3) { quickExit(event); return; }
    var confirm = document.querySelector('.confirm');
    if (!$('help-panel').hidden) closeHelp();
    else if (confirm) closeConfirm(confirm, true);
  }

  // ---- contacts ----------------------------------------------------------------------

  function telLink(phone, cls, label) {
    var digits = String(phone).replace(/[^0-9+]/g, '');
    if (!/^\+?[0-9]{3,15}$/.test(digits)) return el('span', '', phone);
    var link = el('a', cls || 'tel', label || tr('call', { phone: phone }));
    link.href = 'tel:' + digits;
    return link;
  }

  function contactList(contacts) {
    var list = el('ul', 'contacts');
    (contacts || []).forEach(function (c) {
      var item = el('li', 'contact' + (c.urgent ? ' urgent' : ''));
      item.appendChild(el('p', 'name', c.name));
      if (c.what) item.appendChild(el('p', 'what', c.what));
      if (c.phone) {
        var line = el('p');
        line.appendChild(telLink(c.phone, c.urgent ? 'tel tel-big' : 'tel'));
        item.appendChild(line);
      }
      if (c.phone_abroad) {
        var abroad = el('p', '', tr('from_abroad') + ' ');
        abroad.appendChild(telLink(c.phone_abroad));
        item.appendChild(abroad);
      }
      if (c.email && /^[^\s@<>"']+@[^\s@<>"']+\.[a-z]{2,}$/i.test(c.email)) {
        var mail = el('p', '', tr('email') + ' ');
        var link = el('a', '', c.email);
        link.href = 'mailto:' + c.email;
        mail.appendChild(link);
        item.appendChild(mail);
      }
      if (c.hours) item.appendChild(el('p', 'hours', tr('hours') + ' ' + c.hours));
      if (!c.phone && !c.email) item.appendChild(el('p', 'muted', tr('number_not_confirmed')));
      list.appendChild(item);
    });
    return list;
  }

  function fillContacts(box, contacts, lang) {
    lang = lang || S.lang;
    box.textContent = '';
    box.lang = lang;
    box.appendChild(el('h3', '', tr('contacts_title', null, lang)));
    box.appendChild(contactList(contacts || S.data.contacts[lang]));
  }

  // ---- help panel --------------------------------------------------------------------

  function openHelp() {
    S.scrollY = window.pageYOffset;
    $('view').hidden = true;
    $('help-panel').hidden = false;
    $('help-button').setAttribute('aria-expanded', 'true');
    window.scrollTo(0, 0);
    $('help-title').focus();
  }

  function closeHelp() {
    $('help-panel').hidden = true;
    $('view').hidden = false;
    $('help-button').setAttribute('aria-expanded', 'false');
    window.scrollTo(0, S.scrollY);
    $('help-button').focus();
  }

  // ---- the conversation --------------------------------------------------------------

  function announce(text, urgent) {
    var region = $(urgent ? 'alert' : 'announce');
    region.textContent = '';
    setTimeout(function () { region.textContent = text; }, 50);
  }

  function showTyping(on) {
    $('typing').classList.toggle('on', on);
    $('typing-text').textContent = on ? tr('typing') : '';
  }

  // The help numbers of the contact list, where a bot message names them, become tel: links.
  function numbers() {
    var found = [];
    Object.keys(S.data.contacts).forEach(function (lang) {
      S.data.contacts[lang].forEach(function (c) {
        [c.phone, c.phone_abroad].forEach(function (n) { if (n && found.indexOf(n) < 0) found.push(n); });
      });
    });
    found.sort(function (a, b) { return b.length - a.length; });
    var escaped = found.map(function (n) { return n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); });
    return escaped.length ? new RegExp('(^|[^0-9A-Za-z+])(' + escaped.join('|') + ')(?![0-9A-Za-z])', 'g') : null;
  }

  function linkify(box, text) {
    var pattern = S.numbers, at = 0, match;
    if (!pattern) { box.textContent = text; return; }
    pattern.lastIndex = 0;
    while ((match = pattern.exec(text))) {
      var start = match.index + match[1].length;
      box.appendChild(document.createTextNode(text.slice(at, start)));
      box.appendChild(telLink(match[2], 'tel', match[2]));
      at = start + match[2].length;
    }
    box.appendChild(document.createTextNode(text.slice(at)));
  }

  function addBubble(who, text, lang) {
    var item = el('div', 'msg ' + who, null, lang);
    var bubble = el('p', 'bubble');
    item.appendChild(el('span', 'sr-only', tr(who === 'user' ? 'you' : 'bot', null, lang) + ' '));
    if (who === 'bot') linkify(bubble, text); else bubble.textContent = text;
    item.appendChild(bubble);
    $('log').appendChild(item);
    return item;
  }

  function disableChoices() {
    var groups = $('log').querySelectorAll('.choices');
    for (var i = 0; i < groups.length; i++) {
      groups[i].classList.add('done');
      var buttons = groups[i].querySelectorAll('button');
      for (var j = 0; j < buttons.length; j++) buttons[j].disabled = true;
    }
  }

  function keyboardish(event) {
    return !event || event.detail === 0 || S.pointer !== 'touch';
  }

  // Keyboard and mouse: focus to the input. A tap: to the conversation, so that a screen
  // reader keeps its place and no on-screen keyboard covers the buttons.
  function focusInput(event) {
    if (keyboardish(event)) $('message-input').focus();
    else $('log').focus({ preventScroll: true });
  }

  function addChoices(after, options) {
    var group = el('div', 'choices');
    options.forEach(function (option) {
      if (!option || typeof option.title !== 'string' || typeof option.payload !== 'string') return;
      var button = el('button', 'btn btn-choice', option.title);
      button.type = 'button';
      button.addEventListener('click', function (event) {
        if (S.busy || button.disabled) return;
        button.classList.add('chosen');
        say(option.payload, option.title);
        focusInput(event);
      });
      group.appendChild(button);
    });
    after.appendChild(group);
  }

  // A button with aria-expanded that shows and hides a region (printed expanded).
  function disclosure(parent, label, labelOpen, cls) {
    var button = el('button', 'btn-more', label);
    var body = el('div', (cls || 'more') + '-body');
    button.type = 'button';
    body.id = uid('more-');
    body.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    button.setAttribute('aria-controls', body.id);
    button.addEventListener('click', function () {
      body.hidden = !body.hidden;
      button.setAttribute('aria-expanded', String(!body.hidden));
      button.textContent = body.hidden ? label : labelOpen;
    });
    parent.appendChild(button);
    parent.appendChild(body);
    return { button: button, body: body };
  }

  function officialUrl(url) {
    try {
      var parsed = new URL(url);
      if (parsed.protocol === 'https:' && OFFICIAL.indexOf(parsed.hostname) >= 0 && !parsed.port &&
          !parsed.username && !parsed.password) return parsed.href;
    } catch (e) { /* not a URL */ }
    return null;
  }

  function sourceList(sources, lang) {
    var list = el('ul', 'sources');
    (sources || []).forEach(function (source) {
      var item = el('li');
      var url = officialUrl(source.url);
      var cite = source.label || source.cite;
      var label = (cite ? cite + ': ' : '') + (source.title || '');
      if (url) {
        var link = el('a', 'official', label);
        link.href = url;
        link.target = '_blank';
        link.rel = 'noreferrer noopener';
        item.appendChild(link);
        item.appendChild(el('span', 'muted newtab', ' (' + tr('official_text', null, lang) + ')'));
      } else {
        item.textContent = label;
      }
      list.appendChild(item);
    });
    return list;
  }

  function statusIcon(status) {
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 20 20');
    svg.setAttribute('class', 'icon');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    var circle = document.createElementNS(ns, 'circle');
    circle.setAttribute('cx', '10');
    circle.setAttribute('cy', '10');
    circle.setAttribute('r', '8.5');
    var path = document.createElementNS(ns, 'path');
    path.setAttribute('d', ICONS[status] || ICONS.unknown);
    svg.appendChild(circle);
    svg.appendChild(path);
    return svg;
  }

  function listBlock(card, title, items) {
    if (!items || !items.length) return;
    card.appendChild(el('h4', '', title));
    var list = el('ul');
    items.forEach(function (text) { list.appendChild(el('li', '', text)); });
    card.appendChild(list);
  }

  function routeCard(route, lang) {
    var card = el('article', 'card route');
    var status = Object.prototype.hasOwnProperty.call(ICONS, route.status) ? route.status : 'unknown';
    card.setAttribute('data-status', status);
    card.setAttribute('data-code', String(route.code || ''));
    var title = el('h3', '', route.title || route.code);
    title.id = uid('route-');
    card.setAttribute('aria-labelledby', title.id);
    card.appendChild(title);
    var line = el('p', 'status');
    line.appendChild(statusIcon(status));
    line.appendChild(el('span', '', route.status_text || route.status));
    card.appendChild(line);
    if (route.text) card.appendChild(el('p', 'route-text', route.text));
    listBlock(card, tr('reasons', null, lang), route.reason_texts);
    listBlock(card, tr('missing', null, lang), route.missing_texts);
    if (route.source_details && route.source_details.length) {
      var more = disclosure(card, tr('more', null, lang), tr('less', null, lang));
      more.button.setAttribute('aria-describedby', title.id);
      more.body.appendChild(el('h4', '', tr('legal_basis', null, lang)));
      more.body.appendChild(sourceList(route.source_details, lang));
    }
    return card;
  }

  function renderAssessment(payload, intro, fallbackLang) {
    var lang = typeof payload.language === 'string' && S.data.texts[payload.language] ? payload.language : fallbackLang;
    var old = $('log').querySelectorAll('.summary');
    for (var i = 0; i < old.length; i++) old[i].classList.add('old');
    var section = el('section', 'msg summary', null, lang);
    var heading = el('h2', '', tr('summary_title', null, lang));
    heading.id = uid('summary-');
    section.setAttribute('aria-labelledby', heading.id);
    section.appendChild(el('span', 'sr-only', tr('bot', null, lang) + ' '));
    section.appendChild(heading);
    if (intro) section.appendChild(el('p', 'intro', intro));

    var routes = Array.isArray(payload.routes) ? payload.routes : [];
    var victim = payload.audience === 'victim';
    var main = routes.filter(function (r) { return !victim || SECONDARY.indexOf(r.status) < 0; });
    var others = victim ? routes.filter(function (r) { return SECONDARY.indexOf(r.status) >= 0; }) : [];
    main.forEach(function (route) { section.appendChild(routeCard(route, lang)); });
    if (others.length) {
      var box = el('div', 'others');
      var more = disclosure(box, tr('other_routes', null, lang) + ' (' + others.length + ')',
        tr('other_routes', null, lang) + ' (' + others.length + ')', 'others');
      more.body.appendChild(el('p', 'muted', tr('other_routes_hint', null, lang)));
      others.forEach(function (route) { more.body.appendChild(routeCard(route, lang)); });
      section.appendChild(box);
    }

    var contacts = el('section', 'card contacts-card');
    fillContacts(contacts, Array.isArray(payload.contacts) ? payload.contacts : null, lang);
    section.appendChild(contacts);

    var note = el('section', 'card disclaimer');
    note.appendChild(el('h3', '', tr('disclaimer_title', null, lang)));
    note.appendChild(el('p', '', payload.disclaimer || ''));
    section.appendChild(note);

    var actions = el('div', 'summary-actions');
    var print = el('button', 'btn btn-line print', tr('print', null, lang));
    print.type = 'button';
    print.addEventListener('click', function () { window.print(); });
    var again = el('button', 'btn btn-line restart', tr('start_again', null, lang));
    again.type = 'button';
    actions.appendChild(print);
    actions.appendChild(document.createTextNode(' '));
    actions.appendChild(again);
    section.appendChild(actions);
    $('log').appendChild(section);
    return section;
  }

  // A summary to keep (the "summary" payload): its Markdown as text, to print or save as a
  // file made in the browser; nothing is stored on the server.
  function renderKept(payload, fallbackLang) {
    var lang = typeof payload.language === 'string' && S.data.texts[payload.language] ? payload.language : fallbackLang;
    var old = $('log').querySelectorAll('.summary');
    for (var i = 0; i < old.length; i++) old[i].classList.add('old');
    var section = el('section', 'msg summary kept', null, lang);
    var heading = el('h2', '', tr('kept_title', null, lang));
    heading.id = uid('kept-');
    section.setAttribute('aria-labelledby', heading.id);
    section.appendChild(heading);
    section.appendChild(el('pre', 'markdown', String(payload.markdown || '')));
    var actions = el('div', 'summary-actions');
    var print = el('button', 'btn btn-line print', tr('print_kept', null, lang));
    print.type = 'button';
    print.addEventListener('click', function () { window.print(); });
    var save = el('a', 'btn btn-line save', tr('save_markdown', null, lang));
    save.href = URL.createObjectURL(new Blob([String(payload.markdown || '')], { type: 'text/markdown' }));
    save.download = 'wegwijzer-' + lang + '.md';
    actions.appendChild(print);
    actions.appendChild(document.createTextNode(' '));
    actions.appendChild(save);
    section.appendChild(actions);
    $('log').appendChild(section);
    return section;
  }

  function isFacts(messages) {
    // "Show my facts" answers with an intro line ending in ":" and "label: value" lines.
    if (messages.length !== 2 || !messages.every(function (m) { return typeof m.text === 'string' && !m.buttons && !m.custom; })) return false;
    return /:\s*$/.test(messages[0].text) && messages[0].text.indexOf('\n') < 0 &&
      messages[1].text.split('\n').every(function (line) { return line.indexOf(': ') > 0; });
  }

  function render(messages, lang) {
    var first = null, last = null, lastText = null, lastHadButtons = false;
    var facts = isFacts(messages);
    // Several questions at once (professionals): answered in words, no buttons for one of them.
    var questions = messages.filter(function (m) { return m && m.custom && m.custom.type === 'question'; }).length;
    function mark(node) { if (!first) first = node; }
    messages.forEach(function (message, index) {
      if (!message || typeof message !== 'object') return;
      var custom = message.custom;
      if (typeof message.text === 'string' && message.text) {
        last = addBubble('bot', message.text, lang);
        if (facts) last.classList.add('facts');
        mark(last);
        lastText = message.text;
        lastHadButtons = Array.isArray(message.buttons) && message.buttons.length > 0;
        if (lastHadButtons) addChoices(last, message.buttons);
        last.setAttribute('data-index', String(index));
      } else if (custom && custom.type === 'question') {
        if (questions === 1 && last && !lastHadButtons && Array.isArray(custom.options) && custom.options.length) {
          addChoices(last, custom.options);
          lastHadButtons = true;
        }
      } else if (custom && custom.type === 'sources') {
        if (last && Array.isArray(custom.sources) && custom.sources.length) {
          var box = el('div', 'legal');
          var more = disclosure(box, tr('legal_basis', null, lang), tr('legal_basis', null, lang));
          more.body.appendChild(sourceList(custom.sources, lang));
          last.appendChild(box);
        }
      } else if (custom && custom.type === 'assessment') {
        var intro = null;
        // The intro line just before the payload goes into the summary (and its print).
        if (last && !lastHadButtons && last.getAttribute('data-index') === String(index - 1) && last === $('log').lastChild) {
          intro = lastText;
          if (first === last) first = null;
          last.parentNode.removeChild(last);
        }
        last = renderAssessment(custom, intro, lang);
        lastHadButtons = false;
        mark(last);
      } else if (custom && custom.type === 'summary') {
        last = renderKept(custom, lang);
        lastHadButtons = false;
        mark(last);
      }
    });
    return first;
  }

  // Brings the start of `node` into view, below the sticky top bar.
  function scrollTo(node) {
    if (!node || !node.getBoundingClientRect) return;
    var calm = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    var top = node.getBoundingClientRect().top + window.pageYOffset - document.querySelector('.bar').offsetHeight - 8;
    window.scrollTo({ top: Math.max(0, top), behavior: calm ? 'auto' : 'smooth' });
  }

  function showError(on) {
    $('error').hidden = !on;
    if (on) {
      fillContacts($('error-contacts'));
      announce(tr('server_down'), true);
    }
  }

  function tooLong(on, urgent) {
    var box = $('input-error');
    box.hidden = !on;
    box.textContent = on ? tr('too_long', { max: S.max }) : '';
    $('message-input').setAttribute('aria-invalid', String(on));
    if (on) announce(box.textContent, urgent);
  }

  function post(message, lang) {
    return request('POST', '/chat/message', {
      conversation_id: S.id, message: message, metadata: { language: lang }
    });
  }

  // Sends a message (a payload when `shown` is its button title); the reply is drawn.
  function say(message, shown) {
    if (S.busy) return;
    var gen = S.gen, lang = S.lang;
    S.busy = true;
    S.pending = null;
    showError(false);
    disableChoices();
    var bubble = shown ? addBubble('user', shown, lang) : null;
    scrollTo(bubble);
    showTyping(true);
    var resent = false;
    function attempt() {
      return (S.id ? Promise.resolve() : startConversation()).then(function () {
        return post(message, lang);
      }).then(function (r) {
        if (gen !== S.gen) return;
        if (r.status === 400 && r.data.error && r.data.error.field === 'conversation_id' && !resent) {
          resent = true;
          S.id = null;
          return attempt();
        }
        if (r.status === 413) {   // give the text back, to be shortened
          if (bubble) bubble.parentNode.removeChild(bubble);
          if (shown === message && !$('message-input').value) $('message-input').value = message;
          tooLong(true, true);
          return;
        }
        if (!r.ok || !Array.isArray(r.data.messages)) throw new Error('status ' + r.status);
        var first = render(r.data.messages, lang);
        if (!$('help-panel').hidden) announce(tr('new_messages'));
        scrollTo(first);
      });
    }
    attempt().catch(function () {
      if (gen !== S.gen) return;
      S.pending = { message: message };
      showError(true);
    }).then(function () {
      if (gen !== S.gen) return;
      S.busy = false;
      showTyping(false);
    });
  }

  function onSubmit(event) {
    event.preventDefault();
    var input = $('message-input');
    var text = input.value;
    if (Array.from(text).length > S.max) { tooLong(true, true); return; }
    if (!text.trim() || S.busy) { input.focus(); return; }
    tooLong(false);
    input.value = '';
    say(text, text);
    input.focus();
  }

  function onInputKey(event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      if (typeof $('composer').requestSubmit === 'function') $('composer').requestSubmit();
      else onSubmit(event);
    }
  }

  function onInput() {
    var long = Array.from($('message-input').value).length >= S.max;
    if (long !== !$('input-error').hidden) tooLong(long, false);
  }

  function retry() {
    var pending = S.pending;
    if (pending) say(pending.message, null);
  }

  function restart(event) {
    var old = S.id;
    S.id = null;
    S.gen += 1;
    S.busy = false;
    S.pending = null;
    forget(old);
    $('log').textContent = '';
    showError(false);
    showTyping(false);
    tooLong(false);
    $('message-input').value = '';
    say('/greet', null);
    focusInput(event);
  }

  function closeConfirm(box, back) {
    var anchor = box.previousSibling;
    box.parentNode.removeChild(box);
    if (back && anchor && anchor.focus) anchor.focus();
  }

  function askRestart(anchor) {
    var open = document.querySelector('.confirm');
    if (open) closeConfirm(open, false);
    var box = el('div', 'confirm');
    box.setAttribute('role', 'group');
    var question = el('p', '', tr('start_again_confirm'));
    question.id = uid('confirm-');
    question.tabIndex = -1;
    box.setAttribute('aria-labelledby', question.id);
    var yes = el('button', 'btn btn-main', tr('start_again_yes'));
    var no = el('button', 'btn btn-line', tr('cancel'));
    yes.type = no.type = 'button';
    yes.id = 'restart-yes';
    yes.addEventListener('click', function (event) { closeConfirm(box, false); restart(event); });
    no.addEventListener('click', function () { closeConfirm(box, true); });
    box.appendChild(question);
    box.appendChild(yes);
    box.appendChild(document.createTextNode(' '));
    box.appendChild(no);
    anchor.parentNode.insertBefore(box, anchor.nextSibling);
    question.focus();
  }

  // ---- start -------------------------------------------------------------------------

  function choose(code, event) {
    S.lang = code;
    applyTexts();
    $('start').hidden = true;
    $('chat').hidden = false;
    $('lang-switch').hidden = false;
    focusInput(event);
    if (!S.id && !S.busy && !$('log').firstChild) say('/greet', null);
  }

  function switchLanguage(code) {
    if (code === S.lang) return;
    S.lang = code;
    applyTexts();
  }

  function languageButton(language, cls, onClick, label) {
    var button = el('button', cls, label, language.code);
    button.type = 'button';
    button.addEventListener('click', function (event) { onClick(language.code, event); });
    return button;
  }

  function build(data) {
    S.data = data;
    S.max = typeof data.max_chars === 'number' && data.max_chars > 0 ? data.max_chars : S.max;
    S.exitUrl = safeUrl(data.exit_url) || S.exitUrl;
    S.numbers = numbers();
    $('message-input').maxLength = S.max;
    var choices = $('languages'), switchers = [$('lang-switch'), $('lang-switch-low')];
    choices.textContent = '';
    switchers.forEach(function (box) { box.textContent = ''; });
    data.languages.forEach(function (language) {
      choices.appendChild(languageButton(language, 'btn btn-lang', choose, language.name));
      switchers.forEach(function (box) {
        var small = languageButton(language, 'btn btn-switch', switchLanguage, language.code.toUpperCase());
        small.appendChild(el('span', 'sr-only', ' ' + language.name));
        box.appendChild(small);
      });
    });
    S.lang = pickLanguage();
    applyTexts();
    $('fallback').hidden = true;
    $('intro-block').hidden = false;
    $('help-button').hidden = false;
    document.querySelector('.bar-hint').hidden = false;
  }

  function valid(data) {
    return data && Array.isArray(data.languages) && data.languages.length && data.texts && data.contacts &&
      data.languages.every(function (l) { return l && typeof l.code === 'string' && data.texts[l.code] && Array.isArray(data.contacts[l.code]); });
  }

  function loadTexts() {
    $('texts-failed').hidden = true;
    $('loading').hidden = false;
    request('GET', '/chat/texts').then(function (r) {
      if (!r.ok || !valid(r.data)) throw new Error('texts');
      build(r.data);
    }).catch(function () {
      $('texts-failed').hidden = false;
    }).then(function () {
      $('loading').hidden = true;
    });
  }

  function init() {
    enhanceExit();
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('pointerdown', function (event) { S.pointer = event.pointerType || ''; }, true);
    document.addEventListener('keydown', function () { S.pointer = 'keyboard'; }, true);
    window.addEventListener('pagehide', function () { forget(S.id); S.id = null; });
    $('help-button').addEventListener('click', function () {
      if ($('help-panel').hidden) openHelp(); else closeHelp();
    });
    $('help-close').addEventListener('click', closeHelp);
    $('composer').addEventListener('submit', onSubmit);
    $('message-input').addEventListener('keydown', onInputKey);
    $('message-input').addEventListener('input', onInput);
    $('retry').addEventListener('click', retry);
    $('texts-retry').addEventListener('click', loadTexts);
    document.addEventListener('click', function (event) {
      var target = event.target.closest ? event.target.closest('.restart') : null;
      if (target) askRestart(target);
    });
    loadTexts();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
