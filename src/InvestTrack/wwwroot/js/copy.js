// Copy buttons of the static pages (no circuit to ask): a button with data-copy-text puts that text on the clipboard
// and then shows its data-copied words, so the user sees that it worked.
document.addEventListener('click', async event => {
  const button = event.target instanceof Element ? event.target.closest('[data-copy-text]') : null;
  if (!button || !navigator.clipboard) return;
  await navigator.clipboard.writeText(button.dataset.copyText);
  button.textContent = button.dataset.copied;
});
