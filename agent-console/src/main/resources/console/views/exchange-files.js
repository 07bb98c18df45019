// Helpers of the import and export tab: reading the first rows of a CSV or JSON file for the
// column preview (RFC 4180 quoting; the server reads the whole file again), guessing a column's
// field, saving a downloaded blob under a name, and following a job until it ends.

export const FIELDS = ['name', 'email', 'phone', 'other_emails', 'other_phones', 'external_id',
  'company', 'owner', 'stage', 'tags'];

/** The columns and first `limit` rows (arrays of cells) of the file's text. */
export function previewRows(text, format, limit = 5) {
  const clean = text.replace(/^\uFEFF/, '');
  if (format === 'json') {
    const items = JSON.parse(clean);
    if (!Array.isArray(items)) throw new Error('a JSON array of objects is expected');
    const columns = [...new Set(items.flatMap((item) => Object.keys(item || {})))];
    const rows = items.slice(0, limit).map((item) => columns.map((c) => cell(item?.[c])));
    return { columns, rows };
  }
  const records = [];
  let record = [];
  let value = '';
  let quoted = false;
  for (let i = 0; i < clean.length && records.length <= limit; i++) {
    const c = clean[i];
    if (quoted) {
      if (c === '"' && clean[i + 1] === '"') { value += '"'; i++; } else if (c === '"') quoted = false; else value += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { record.push(value); value = ''; } else if (c === '\n' || c === '\r') {
      if (c === '\r' && clean[i + 1] === '\n') i++;
      record.push(value); value = '';
      if (record.some((v) => v !== '')) records.push(record);
      record = [];
    } else value += c;
  }
  if (value !== '' || record.length) { record.push(value); records.push(record); }
  const [columns = [], ...rows] = records;
  return { columns: columns.map((c) => c.trim()), rows: rows.slice(0, limit) };
}

function cell(value) {
  if (value === null || value === undefined) return '';
  return Array.isArray(value) ? value.join(';') : String(value);
}

/** The field a column's name suggests, or '' (the server guesses the same way). */
export function guessField(column) {
  const name = column.trim().toLowerCase().replace(/ /g, '_');
  return FIELDS.includes(name) ? name : '';
}

/** Offers `blob` as a download called `name`. */
export function saveBlob(blob, name) {
  // Set directly: the DOM helper lets only http(s) links through, and this one is a blob.
  const link = document.createElement('a');
  link.download = name;
  link.href = URL.createObjectURL(blob);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

/** Polls the job every `ms` and calls `onUpdate(job)` until it is no longer running. */
export async function followJob(api, id, onUpdate, ms = 500) {
  for (;;) {
    const job = await api.job(id);
    onUpdate(job);
    if (job.state !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, ms));
  }
}
