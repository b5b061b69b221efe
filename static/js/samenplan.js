// A form marked "prevent-double" is sent once: a second click while the first request
// runs does nothing. (The server guards as well; this spares a second round trip.)
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!form.classList || !form.classList.contains("prevent-double")) return;
  if (form.dataset.verzonden === "ja") {
    event.preventDefault();
    return;
  }
  form.dataset.verzonden = "ja";
  form.setAttribute("aria-busy", "true");
});
