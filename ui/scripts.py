"""The page's own scripts, each run once when its component loads (gr.HTML js_on_load).

They only move the page's own markup around: open and place the context panel, copy
and download texts the server wrote, keep the address bar and the tab's history in
step with the cards. No text from a transcript is ever turned into markup here:
what they show, they set with textContent.
"""

# Keys for the whole page: "/" goes to the question box, Escape closes the context panel.
KEYS_JS = """
if (!window.__tqaKeys) {
  window.__tqaKeys = true;
  document.addEventListener('keydown', (event) => {
    const results = document.querySelector('#tqa-results');
    if (event.key === 'Escape' && results && results.classList.contains('tqa-context-open')) {
      window.dispatchEvent(new CustomEvent('tqa-close-context'));
      return;
    }
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest && event.target.closest('input, textarea, select, [contenteditable]')) return;
    // On a phone the context view covers the question box: it closes first.
    if (results && results.classList.contains('tqa-context-open')) {
      window.dispatchEvent(new CustomEvent('tqa-close-context', {detail: {refocus: false}}));
    }
    let box = document.querySelector('#tqa-question textarea, #tqa-question input');
    if (!box || !box.offsetParent) {
      const tab = [...document.querySelectorAll('button[role=tab]')].find((b) => b.textContent.trim() === 'Ask');
      if (tab) tab.click();
    }
    event.preventDefault();
    setTimeout(() => {
      box = document.querySelector('#tqa-question textarea, #tqa-question input');
      if (box) { box.focus(); box.select(); }
    }, 0);
  });
}
"""

# The filters open and close here, on the page: their fields stay in place either way.
FILTERS_JS = """
const button = element.querySelector('button.tqa-filters-toggle');
const box = document.querySelector('#tqa-filter-box');
const show = (open) => {
  if (!box) return;
  box.classList.toggle('tqa-open', open);
  button.setAttribute('aria-expanded', open ? 'true' : 'false');
};
button.addEventListener('click', () => show(button.getAttribute('aria-expanded') !== 'true'));
show(false);
let settling = null;
window.__tqaReask = () => {
  clearTimeout(settling);
  settling = setTimeout(() => { const again = document.querySelector('#tqa-reask'); if (again) again.click(); }, 250);
};
"""

EXAMPLES_JS = """
element.addEventListener('click', (event) => {
  const button = event.target.closest('button.tqa-example');
  if (button && element.contains(button)) trigger('example', {question: button.dataset.question});
});
"""

# State lives in classes and data attributes of #tqa-results: Gradio scopes the page's CSS to its own
# container, so rules keyed on anything outside it would lose to the scoped ones.

# The cards: their buttons, the citation style, and the address bar, which always holds the search shown.
CARDS_JS = """
const root = document.querySelector('#tqa-results') || document.documentElement;
const style = () => {
  try { return localStorage.getItem('tqa-cite-style') === 'footnote' ? 'footnote' : 'plain'; } catch (e) { return 'plain'; }
};
const applyStyle = () => {
  root.dataset.citeStyle = style();
  element.querySelectorAll('select.tqa-style').forEach((s) => { s.value = style(); });
};
const say = (button, text) => {
  if (!button.dataset.label) button.dataset.label = button.textContent;
  button.textContent = text;
  clearTimeout(button.__tqaTimer);
  button.__tqaTimer = setTimeout(() => { button.textContent = button.dataset.label; }, 2000);
};
// Without the clipboard API (a page served over plain http to another machine), a hidden textarea and execCommand.
const byHand = (text, button) => {
  const box = document.createElement('textarea');
  box.value = text;
  box.setAttribute('readonly', '');
  box.style.position = 'fixed';
  box.style.top = '0';
  box.style.opacity = '0';
  document.body.appendChild(box);
  box.select();
  let copied = false;
  try { copied = document.execCommand('copy'); } catch (e) { copied = false; }
  box.remove();
  button.focus({preventScroll: true});
  say(button, copied ? 'Copied' : 'Copy failed: use "Citation to copy"');
};
const copy = (text, button) => {
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(() => say(button, 'Copied'), () => byHand(text, button));
  } else {
    byHand(text, button);
  }
};
const download = (got) => {
  const url = URL.createObjectURL(new Blob([got.text], {type: got.type + ';charset=utf-8'}));
  const link = document.createElement('a');
  link.href = url;
  link.download = got.name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30000);
};
// The texts to copy or download are the server's (Handlers.takeaway), asked for when a tool is used.
const fetched = (answer, kind, button, use) => {
  server.takeaway(answer.dataset.share, kind).then((got) => {
    if (got && got.text !== undefined) use(got); else say(button, (got && got.error) || 'Not available');
  }, () => say(button, 'Not available: ask again'));
};
element.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-action]');
  if (!button || !element.contains(button)) return;
  const answer = element.querySelector('.tqa-answer');
  const card = button.closest('.tqa-card');
  const action = button.dataset.action;
  if (action === 'context' && card) {
    const detail = {passage: Number(card.dataset.passage), button};
    window.dispatchEvent(new CustomEvent('tqa-open-context', {detail}));
  } else if (action === 'copy' && card) {
    copy(card.querySelector('.tqa-copy[data-style="' + style() + '"]').textContent, button);
  } else if (action === 'copy-all' && answer) {
    fetched(answer, style(), button, (got) => copy(got.text, button));
  } else if (action === 'link') {
    copy(location.href, button);
  } else if (action === 'export' && answer) {
    fetched(answer, button.dataset.format, button, (got) => { download(got); say(button, 'Downloaded'); });
  }
});
element.addEventListener('change', (event) => {
  if (!event.target.matches('select.tqa-style')) return;
  try { localStorage.setItem('tqa-cite-style', event.target.value); } catch (e) { /* not kept: still applied */ }
  root.dataset.citeStyle = event.target.value === 'footnote' ? 'footnote' : 'plain';
});
const shown = () => {
  applyStyle();
  window.dispatchEvent(new CustomEvent('tqa-cards'));
  const answer = element.querySelector('.tqa-answer');
  const share = answer ? answer.dataset.share : '';
  if (answer || element.querySelector('.tqa-problem')) {
    const address = location.pathname + share + location.hash;
    if (location.pathname + location.search + location.hash !== address) history.replaceState(null, '', address);
  }
  if (share) window.dispatchEvent(new CustomEvent('tqa-asked', {detail: {share}}));
};
watch('value', shown);
shown();
"""

# The questions asked in this browser tab, newest first; one click asks again with the same filters.
HISTORY_JS = """
const KEY = 'tqa-history';
const LIMIT = 10;
const read = () => { try { return JSON.parse(sessionStorage.getItem(KEY)) || []; } catch (e) { return []; } };
const draw = (current) => {
  const items = read();
  const box = document.createElement('div');
  box.className = 'tqa-history';
  if (items.length) {
    const head = document.createElement('p');
    head.className = 'tqa-history-head';
    head.textContent = 'Asked in this tab';
    const list = document.createElement('ol');
    for (const share of items) {
      const params = new URLSearchParams(share);
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'tqa-history-item';
      button.dataset.query = share;
      button.textContent = params.get('q') || share;
      const extra = ['speaker', 'doc', 'from', 'to'].filter((name) => params.has(name)).length;
      if (extra) {
        const note = document.createElement('span');
        note.className = 'tqa-history-note';
        note.textContent = ' · with filters';
        button.appendChild(note);
      }
      if (share === current) button.setAttribute('aria-current', 'true');
      const item = document.createElement('li');
      item.appendChild(button);
      list.appendChild(item);
    }
    box.append(head, list);
  }
  element.replaceChildren(box);
};
window.addEventListener('tqa-asked', (event) => {
  const share = event.detail.share;
  const items = [share, ...read().filter((s) => s !== share)].slice(0, LIMIT);
  try { sessionStorage.setItem(KEY, JSON.stringify(items)); } catch (e) { /* storage full or off: keep the page */ }
  draw(share);
});
element.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-query]');
  if (button && element.contains(button)) trigger('recall', {query: button.dataset.query});
});
draw(location.search);
"""

# The context panel: beside the cards, over them on a narrow screen; the page itself never scrolls.
CONTEXT_JS = """
const root = document.querySelector('#tqa-results') || document.documentElement;
const panel = element.closest('#tqa-context') || element;
let opener = null;
const place = () => {
  const aside = document.querySelector('#tqa-aside');
  const main = document.querySelector('#tqa-main');
  if (!aside || !main) return;
  const a = aside.getBoundingClientRect();
  const beside = a.left >= main.getBoundingClientRect().right - 1;
  root.classList.toggle('tqa-overlay', !beside);
  document.body.style.overflow = beside ? '' : 'hidden';  // the page behind an overlay stays where it is
  if (beside) {
    const top = Math.max(a.top, 8);
    panel.style.setProperty('--tqa-top', top + 'px');
    panel.style.setProperty('--tqa-left', a.left + 'px');
    panel.style.setProperty('--tqa-width', a.width + 'px');
  }
};
const mark = (button) => {
  document.querySelectorAll('.tqa-card.tqa-active').forEach((card) => {
    card.classList.remove('tqa-active');
    const b = card.querySelector('button[data-action=context]');
    if (b) b.setAttribute('aria-expanded', 'false');
  });
  if (button) {
    button.closest('.tqa-card').classList.add('tqa-active');
    button.setAttribute('aria-expanded', 'true');
  }
};
const close = (giveBackFocus) => {
  if (!root.classList.contains('tqa-context-open')) return;
  root.classList.remove('tqa-context-open', 'tqa-overlay');
  document.body.style.overflow = '';
  mark(null);
  if (giveBackFocus && opener && document.contains(opener)) opener.focus({preventScroll: true});
  opener = null;
};
const reveal = () => {
  if (!root.classList.contains('tqa-context-open')) return;
  const lines = element.querySelector('.tqa-lines');
  const here = element.querySelector('.tqa-here');
  if (lines && here) {
    lines.scrollTop += here.getBoundingClientRect().top - lines.getBoundingClientRect().top - lines.clientHeight / 4;
  }
  const shut = element.querySelector('.tqa-close');
  if (shut) shut.focus({preventScroll: true});
};
window.addEventListener('tqa-open-context', (event) => {
  opener = event.detail.button;
  mark(opener);
  root.classList.add('tqa-context-open');
  place();
  props.value = '<div class="tqa-context"><div class="tqa-context-bar"><p class="tqa-context-title">' +
    'Opening the transcript…</p><button type="button" class="tqa-button tqa-close" data-action="close">' +
    'Close</button></div></div>';
  trigger('context', {passage: event.detail.passage});
});
window.addEventListener('tqa-close-context', (event) => close(!(event.detail && event.detail.refocus === false)));
window.addEventListener('tqa-cards', () => close(false));
element.addEventListener('click', (event) => {
  if (event.target.closest('button[data-action=close]')) close(true);
});
let queued = false;
const follow = () => {
  if (queued || !root.classList.contains('tqa-context-open')) return;
  queued = true;
  requestAnimationFrame(() => { queued = false; place(); });
};
window.addEventListener('scroll', follow, {passive: true});
window.addEventListener('resize', follow);
watch('value', () => setTimeout(reveal, 30));
"""
