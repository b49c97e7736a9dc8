// Calendar page: copy the private iCalendar feed URL to the clipboard.
(function () {
  "use strict";
  document.querySelectorAll("[data-salin]").forEach(function (button) {
    button.addEventListener("click", function () {
      var input = document.querySelector(button.getAttribute("data-salin"));
      if (!input) return;
      var label = button.querySelector("span");
      var done = function () {
        if (label) {
          var before = label.textContent;
          label.textContent = button.getAttribute("data-salin-selesai") || before;
          setTimeout(function () { label.textContent = before; }, 2000);
        }
      };
      input.select();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(input.value).then(done, function () {
          document.execCommand("copy");
          done();
        });
      } else {
        document.execCommand("copy");
        done();
      }
    });
  });
})();
