// The 打印 buttons of poster and bulletin pages: open the browser's print dialog. Served from /static so the staff CSP
// (script-src 'self') allows it. A button that could do nothing without script (the bulletin's) is hidden in the page
// and shown here; without script the browser's own print command prints the same A4 layout.
document.querySelectorAll('[data-print]').forEach(function (button) {
  button.hidden = false;
  button.addEventListener('click', function () { window.print(); });
});
