// Small browser helpers the portal calls through JS interop.
window.portal = {
    // Saves a stream the server sends (DotNetStreamReference) as a file download.
    downloadFile: async function (fileName, contentType, streamReference) {
        const buffer = await streamReference.arrayBuffer();
        const url = URL.createObjectURL(new Blob([buffer], { type: contentType }));
        const link = document.createElement("a");
        link.href = url;
        link.download = fileName;
        link.click();
        URL.revokeObjectURL(url);
    },

    // The textarea or input that selector names, or the one inside it (MudBlazor puts attributes on either).
    textInput: function (selector) {
        const element = document.querySelector(selector);
        if (!element) {
            return null;
        }
        return element.matches("textarea, input") ? element : element.querySelector("textarea, input");
    },

    // Inserts text at the caret of the textarea inside the element matching selector (a MudTextField),
    // as if typed, so Blazor's binding sees the change; the caret ends after the inserted text.
    insertAtCaret: function (selector, text) {
        const area = window.portal.textInput(selector);
        if (!area) {
            return;
        }
        const start = area.selectionStart ?? area.value.length;
        const end = area.selectionEnd ?? start;
        area.focus();
        area.setRangeText(text, start, end, "end");
        area.dispatchEvent(new Event("input", { bubbles: true }));
        area.dispatchEvent(new Event("change", { bubbles: true }));
    },

    // Selects a span of the textarea's text (a lint finding) and scrolls it into view.
    selectRange: function (selector, start, end) {
        const area = window.portal.textInput(selector);
        if (!area) {
            return;
        }
        area.focus();
        area.setSelectionRange(start, end);
    },

    // Moves focus to the first field of the step the stepper inside container shows now. After "Next"
    // the keyboard would otherwise stay on the button at the bottom of a form that has changed.
    focusFirstField: function (selector) {
        const content = document.querySelector(selector + " .mud-stepper-content");
        if (!content) {
            return;
        }
        const field = Array.from(content.querySelectorAll("input:not([type=hidden]), select, textarea, button, a[href], [tabindex]:not([tabindex='-1'])"))
            .find(element => !element.disabled && element.offsetParent !== null);
        if (field) {
            field.focus();
        }
    }
};
