// Drop zones of file uploads (EvidenceDropZone): files dropped anywhere on the zone are handed to the upload's own file input,
// exactly as if chosen in the picker, so that one path (the input's change event) carries every file. The browser would
// otherwise open a file dropped beside the input. Nothing is read here: the input's owner streams the files to the server.

function inputOf(zone) {
    return zone.closest(".mud-file-upload")?.querySelector("input[type=file]") ?? null;
}

function hasFiles(event) {
    return Array.from(event.dataTransfer?.types ?? []).includes("Files");
}

export function attach(zone) {
    if (!zone || zone.dataset.dropAttached) return;
    zone.dataset.dropAttached = "true";
    let depth = 0;
    const leave = () => { depth = 0; delete zone.dataset.dragging; };
    zone.addEventListener("dragenter", (event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        depth++;
        zone.dataset.dragging = "true";
    });
    zone.addEventListener("dragover", (event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = inputOf(zone)?.disabled ? "none" : "copy";
    });
    zone.addEventListener("dragleave", () => { if (--depth <= 0) leave(); });
    zone.addEventListener("drop", (event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        leave();
        const input = inputOf(zone);
        if (!input || input.disabled || event.dataTransfer.files.length === 0) return;
        input.files = event.dataTransfer.files;
        input.dispatchEvent(new Event("change", { bubbles: true }));
    });
}
