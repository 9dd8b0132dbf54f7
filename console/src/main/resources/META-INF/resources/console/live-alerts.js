// Live risk alerts: each alert the console relays (SSE, event "alert", data = the row in the user's language) goes on
// top of the list, the count goes up and the polite live region says so. Without JavaScript the page lists the latest.
(function () {
  var section = document.querySelector('section.live-alerts[data-stream]');
  if (!section || !window.EventSource) {
    return;
  }
  var body = section.querySelector('#alerts tbody');
  var total = section.querySelector('#alerts-total');
  var live = section.querySelector('#alerts-live');
  var source = new EventSource(section.getAttribute('data-stream'));
  source.addEventListener('open', function () {
    section.setAttribute('data-connected', 'true');
  });
  source.addEventListener('alert', function (event) {
    var template = document.createElement('template');
    template.innerHTML = event.data.trim();
    var row = template.content.firstElementChild;
    if (!row) {
      return;
    }
    var empty = body.querySelector('tr.no-alerts');
    if (empty) {
      empty.remove();
    }
    row.classList.add('live');
    body.insertBefore(row, body.firstChild);
    total.textContent = String(Number(total.textContent) + 1);
    live.textContent = row.innerText.replace(/\s+/g, ' ');
  });
})();
