// Files that reach a composer without its file button, shared by the widget and the console:
// dropped on a zone (which carries `className` while files are dragged over it) and pasted into
// a text box. A pasted image without a real name (browsers call it "image.png") gets one made of
// the time and its type, so two pastes are told apart.

/** Calls `onFiles(files)` with the files dropped on `zone`. */
export function acceptDroppedFiles(zone, className, onFiles) {
  const hasFiles = (e) => [...((e.dataTransfer && e.dataTransfer.types) || [])].includes('Files');
  zone.addEventListener('dragover', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    zone.classList.add(className);
  });
  zone.addEventListener('dragleave', (e) => {
    if (!zone.contains(e.relatedTarget)) zone.classList.remove(className);
  });
  zone.addEventListener('drop', (e) => {
    zone.classList.remove(className);
    if (!hasFiles(e)) return;
    e.preventDefault();
    onFiles([...e.dataTransfer.files]);
  });
}

/** Calls `onFiles(files)` with the files pasted into `textarea`, pasted images named. */
export function acceptPastedFiles(textarea, onFiles) {
  textarea.addEventListener('paste', (e) => {
    const files = [...((e.clipboardData && e.clipboardData.files) || [])];
    if (!files.length) return;
    e.preventDefault();
    onFiles(files.map((file, i) => (file.name && file.name !== 'image.png' ? file
      : new File([file], pastedName(file, i), { type: file.type }))));
  });
}

/** "pasted-20261205101500-1.png": a pasted file's name from the time, its place and its type. */
export function pastedName(file, index) {
  const extension = ((file.type || '').split('/')[1] || 'bin').replace('jpeg', 'jpg');
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '');
  return `pasted-${stamp}${index ? `-${index}` : ''}.${extension}`;
}
