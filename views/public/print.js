// The 打印 button of poster pages: opens the browser's print dialog. Served from /static so the staff CSP
// (script-src 'self') allows it; without script the button's note points to the browser's own print command.
document.querySelectorAll('[data-print]').forEach(function (button) {
  button.addEventListener('click', function () { window.print(); });
});
