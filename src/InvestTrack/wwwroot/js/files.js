// Files between the circuit and the browser. FileButton imports this module once its file input is wired (the import's
// answer is the sign that the browser has handled the input's init before it). ExportButton hands a file made in the
// circuit to the browser's downloads with save().

export async function save(fileName, contentType, streamRef) {
    const buffer = await streamRef.arrayBuffer();
    const url = URL.createObjectURL(new Blob([buffer], { type: contentType }));
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    link.style.display = "none";
    document.body.appendChild(link);
    link.click();
    link.remove();
    // The download has taken the blob by the next turn; the address is not needed after that.
    setTimeout(() => URL.revokeObjectURL(url), 60000);
}
