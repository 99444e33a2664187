// MudBlazor's select shows its first chosen value (↓ in an empty list) by turning its text input into a hidden one beside a
// value presenter. The browser then drops the focus to the page, and the select takes it back only after a round trip to
// the server: a key pressed meanwhile (Enter, to take the value and close the list) went to the page and was lost. Here the
// focus moves to the presenter as soon as the swap is in the page, before the browser handles any further key.
document.addEventListener('focusout', event => {
  const input = event.target;
  if (event.relatedTarget || !(input instanceof HTMLInputElement) || !input.closest('.mud-select')) return;
  queueMicrotask(() => {
    if (input.type !== 'hidden' || (document.activeElement && document.activeElement !== document.body)) return;
    input.closest('.mud-input-control')?.querySelector('[role=combobox]:not(input)')?.focus();
  });
}, true);
