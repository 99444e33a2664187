// Tells the server, at most once a minute, that the user is at work in the page: work inside a circuit makes no
// request, and the session cookie is renewed only by requests (Infrastructure/Auth/SessionCookie.cs).
(() => {
  let last = Date.now();
  const alive = () => {
    if (Date.now() - last < 60000) return;
    last = Date.now();
    fetch('/api/session/alive', { method: 'POST', headers: { 'X-Requested-With': 'InvestTrack' }, credentials: 'same-origin' })
      .catch(() => { });
  };
  for (const type of ['keydown', 'pointerdown', 'wheel']) document.addEventListener(type, alive, { passive: true, capture: true });
})();
