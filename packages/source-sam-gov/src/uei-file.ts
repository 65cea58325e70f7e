import { isUei, normalizeUei } from './uei.js';

/** A UEI read from configuration, with where it came from (`ueis.csv line 17`). */
export interface UeiEntry {
  uei: string;
  where: string;
}

export interface UeiFileContents {
  entries: UeiEntry[];
  /** One line per entry that is not a UEI or cannot be read, naming the file and line. */
  problems: string[];
}

export type UeiFileFormat = 'csv' | 'jsonl' | 'lines';

const UEI_COLUMNS = ['uei', 'ueisam'];

/** By extension, else by content: a `{` line is JSON Lines, a comma or a `uei` header is CSV. */
export function detectFormat(fileName: string, lines: readonly string[]): UeiFileFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  const first = lines.find((line) => line.trim() !== '' && !line.trim().startsWith('#'))?.trim() ?? '';
  if (first.startsWith('{')) return 'jsonl';
  if (first.includes(',') || UEI_COLUMNS.includes(unquote(first).toLowerCase())) return 'csv';
  return 'lines';
}

/** Reads the UEIs of a file's text; blank values are skipped, anything else that is not a UEI is a problem. */
export function parseUeiFile(text: string, fileName: string): UeiFileContents {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const out: UeiFileContents = { entries: [], problems: [] };
  const format = detectFormat(fileName, lines);
  const add = (raw: string, lineNumber: number) => {
    const uei = normalizeUei(raw);
    if (uei === '') return;
    const where = `${fileName} line ${lineNumber}`;
    if (isUei(uei)) out.entries.push({ uei, where });
    else out.problems.push(`${where}: ${JSON.stringify(raw.trim())} is not a UEI`);
  };

  if (format === 'lines') {
    lines.forEach((line, i) => {
      if (!line.trim().startsWith('#')) add(line, i + 1);
    });
    return out;
  }

  if (format === 'jsonl') {
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        out.problems.push(`${fileName} line ${i + 1}: is not a JSON object`);
        return;
      }
      const record =
        typeof value === 'object' && value !== null && !Array.isArray(value)
          ? (value as Record<string, unknown>)
          : undefined;
      const field = record && ('uei' in record ? record.uei : record.ueiSAM);
      // An explicit null or "" is a row without a UEI, as in a CSV with an empty cell.
      if (field === null || field === '') return;
      if (typeof field !== 'string') {
        out.problems.push(`${fileName} line ${i + 1}: has no "uei" or "ueiSAM" string field`);
        return;
      }
      add(field, i + 1);
    });
    return out;
  }

  const headerIndex = lines.findIndex((line) => line.trim() !== '');
  if (headerIndex === -1) return out;
  const header = splitCsvLine(lines[headerIndex] as string).map((cell) => cell.trim().toLowerCase());
  const column = header.findIndex((cell) => UEI_COLUMNS.includes(cell));
  if (column === -1) {
    out.problems.push(
      `${fileName} line ${headerIndex + 1}: the header has no "uei" or "ueiSAM" column (columns: ${header.join(', ')})`,
    );
    return out;
  }
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    add(splitCsvLine(line)[column] ?? '', i + 1);
  }
  return out;
}

/** One CSV line into cells (RFC 4180 quoting; UEI files have no line breaks inside cells). */
export function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

function unquote(text: string): string {
  return text.replace(/^"(.*)"$/, '$1');
}
