// Saves text the server produced (an export) as a file, without a second request: the content is already
// authorized and audited by the export use case.
window.coordination = window.coordination || {};
window.coordination.download = function (fileName, contentType, content) {
    const blob = new Blob([content], { type: contentType });
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
};
