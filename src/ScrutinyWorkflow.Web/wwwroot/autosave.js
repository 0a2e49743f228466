// Saves an answer as a draft while the person writes it, so closing the tab loses nothing. Only an enhancement: the
// page's own "Save draft" button does the same without JavaScript. Saves wait for a pause in typing and come at most
// one every ten seconds, well inside the link's rate limit. Before any form on the page is sent, every other answer
// with unsaved text is saved first, so pressing a button under one question never loses what was typed under another;
// and leaving the page with text not yet saved asks first.
const pause = 2000;
const minimumGap = 10000;
const boxes = [];
let leaving = false;

// The question's tag and sentence as the server now gives them ("Draft saved"), so the page never says "Not started"
// over a draft it has just saved.
const showState = (form, state) => {
  const assignment = form.querySelector('input[name=assignment]')?.value;
  const shown = assignment && document.querySelector(`[data-question-state="${CSS.escape(assignment)}"]`);
  if (!shown || !state) {
    return;
  }
  const tag = shown.querySelector('.govuk-tag');
  tag.textContent = state.tag;
  tag.className = `govuk-tag ${state.tagClass} govuk-!-margin-right-2`;
  shown.querySelector('.app-state').textContent = state.description;
};

for (const form of document.querySelectorAll('form[data-autosave]')) {
  const box = form.querySelector('textarea[name=answer]');
  const status = form.querySelector('[data-autosave-status]');
  // Not form.action: the buttons named "action" shadow it.
  const address = form.getAttribute('action');
  let saved = box.value;
  let lastSave = 0;
  let timer;

  const send = async () => {
    const text = box.value;
    const body = new URLSearchParams(new FormData(form));
    body.set('action', 'autosave');
    lastSave = Date.now();
    try {
      const response = await fetch(address, { method: 'POST', body, credentials: 'same-origin', headers: { Accept: 'application/json' } });
      const outcome = await response.json();
      if (response.ok && outcome.savedAt) {
        saved = text;
        status.textContent = `Draft saved at ${outcome.savedAt}`;
        showState(form, outcome.state);
      } else {
        status.textContent = `Your draft was not saved automatically: ${outcome.error ?? 'try Save draft'}`;
      }
    } catch {
      status.textContent = 'Your draft was not saved automatically: check your connection, then use Save draft.';
    }
  };

  const save = async () => {
    const wait = lastSave + minimumGap - Date.now();
    if (wait > 0) {
      timer = setTimeout(save, wait);
      return;
    }
    if (box.value !== saved) {
      await send();
    }
  };

  box.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(save, pause);
  });
  boxes.push({ form, dirty: () => box.value !== saved, flush: () => { clearTimeout(timer); return send(); } });
}

for (const form of document.querySelectorAll('form')) {
  form.addEventListener('submit', async (event) => {
    const others = boxes.filter((b) => b.form !== form && b.dirty());
    if (form.dataset.flushed || others.length === 0) {
      leaving = true;
      return;
    }
    event.preventDefault();
    await Promise.all(others.map((b) => b.flush()));
    form.dataset.flushed = 'true';
    leaving = true;
    form.requestSubmit(event.submitter);
  });
}

window.addEventListener('beforeunload', (event) => {
  if (!leaving && boxes.some((b) => b.dirty())) {
    event.preventDefault();
    event.returnValue = '';
  }
});
