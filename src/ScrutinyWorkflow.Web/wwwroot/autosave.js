// Saves an answer as a draft while the person writes it, so closing the tab loses nothing. Only an enhancement: the
// page's own "Save draft" button does the same without JavaScript. Saves wait for a pause in typing and come at most
// one every ten seconds, well inside the link's rate limit.
const pause = 2000;
const minimumGap = 10000;

for (const form of document.querySelectorAll('form[data-autosave]')) {
  const box = form.querySelector('textarea[name=answer]');
  const status = form.querySelector('[data-autosave-status]');
  // Not form.action: the buttons named "action" shadow it.
  const address = form.getAttribute('action');
  let saved = box.value;
  let lastSave = 0;
  let timer;

  const save = async () => {
    const wait = lastSave + minimumGap - Date.now();
    if (wait > 0) {
      timer = setTimeout(save, wait);
      return;
    }
    if (box.value === saved) {
      return;
    }
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
      } else {
        status.textContent = `Your draft was not saved automatically: ${outcome.error ?? 'try Save draft'}`;
      }
    } catch {
      status.textContent = 'Your draft was not saved automatically: check your connection, then use Save draft.';
    }
  };

  box.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(save, pause);
  });
}
