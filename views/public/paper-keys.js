// Keyboard-first paper entry: Enter in a field moves to the next field instead of submitting the form, so a keyer
// types codes and presses Enter (or Tab) down the questionnaire; Enter on the last field or the button submits.
(function () {
  var form = document.querySelector('form[data-keyed-form]');
  if (!form) return;
  form.addEventListener('keydown', function (event) {
    if (event.key !== 'Enter' || event.target.tagName !== 'INPUT') return;
    var fields = Array.prototype.slice.call(form.querySelectorAll('input[type=text], select'));
    var next = fields[fields.indexOf(event.target) + 1];
    if (!next) return;
    event.preventDefault();
    next.focus();
    if (next.select) next.select();
  });
  var firstError = form.querySelector('.has-error input');
  if (firstError) firstError.focus();
})();
