// The beheeromgeving (Django's admin): names for the autocomplete fields (issue 16,
// part 5; tests/e2e/test_admin_toegankelijk.py). Loaded by templates/admin/base_site.html.
//
// Select2 replaces an autocomplete <select> by a combobox named only by its current
// value, shown in a read-only textbox without a name, so an empty field had no name at
// all. The combobox is named by the field's <label> followed by the value, as a screen
// reader user expects ("Swv: Samenwerkingsverband ..."), and the textbox by the label.
"use strict";
{
    function nameComboboxes($) {
        $("select.admin-autocomplete").each(function () {
            const label = document.querySelector(`label[for="${this.id}"]`);
            const box = $(this).next(".select2-container").find(".select2-selection")[0];
            if (!label || !box) {
                return;
            }
            label.id = label.id || `${this.id}_label`;
            const value = box.getAttribute("aria-labelledby") || "";
            if (!value.split(" ").includes(label.id)) {
                box.setAttribute("aria-labelledby", `${label.id} ${value}`.trim());
            }
            // Inside it, the chosen value is a read-only textbox: named by the label too.
            const rendered = box.querySelector(".select2-selection__rendered");
            if (rendered) {
                rendered.setAttribute("aria-labelledby", label.id);
            }
        });
    }

    // This script is deferred: the admin's autocomplete.js has registered its own ready
    // handler already, and jQuery runs ready handlers in order, so Select2 is in place.
    if (window.django && window.django.jQuery) {
        const $ = window.django.jQuery;
        $(() => nameComboboxes($));
        document.addEventListener("formset:added", () => setTimeout(() => nameComboboxes($)));
    }
}
