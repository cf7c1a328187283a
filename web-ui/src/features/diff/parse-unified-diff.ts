/** A line of a hunk: context, added, removed, or Git's "\ No newline at end of file" note. */
export interface DiffLine {
  kind: 'context' | 'add' | 'del' | 'note';
  text: string;
  oldNo: number | null;
  newNo: number | null;
}

export interface Hunk {
  header: string;
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** Unchanged lines between the previous hunk (or the file start) and this one, not shown. */
  hiddenBefore: number;
  lines: DiffLine[];
}

export interface SplitRow {
  left: DiffLine | null;
  right: DiffLine | null;
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** Parses one file's unified diff (as the API returns it, with ---/+++ headers) into hunks. */
export function parseUnifiedDiff(text: string): Hunk[] {
  const hunks: Hunk[] = [];
  let current: Hunk | null = null;
  let oldNo = 0;
  let newNo = 0;
  let nextOld = 1;
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') {
    lines.pop();
  }
  for (const line of lines) {
    const header = HUNK_HEADER.exec(line);
    if (header) {
      const oldStart = Number(header[1]);
      const oldLines = header[2] === undefined ? 1 : Number(header[2]);
      // An empty old range names the line before it; the hunk starts one further.
      const firstOld = oldLines === 0 ? oldStart + 1 : oldStart;
      current = {
        header: line,
        oldStart,
        oldLines,
        newStart: Number(header[3]),
        newLines: header[4] === undefined ? 1 : Number(header[4]),
        hiddenBefore: Math.max(0, firstOld - nextOld),
        lines: [],
      };
      hunks.push(current);
      oldNo = oldStart;
      newNo = current.newStart;
      nextOld = firstOld + oldLines;
      continue;
    }
    if (!current) {
      continue; // diff --git, index, ---, +++ headers
    }
    const body = line.slice(1);
    switch (line[0]) {
      case '+':
        current.lines.push({ kind: 'add', text: body, oldNo: null, newNo: newNo++ });
        break;
      case '-':
        current.lines.push({ kind: 'del', text: body, oldNo: oldNo++, newNo: null });
        break;
      case '\\':
        current.lines.push({ kind: 'note', text: line.slice(2), oldNo: null, newNo: null });
        break;
      default:
        current.lines.push({ kind: 'context', text: body, oldNo: oldNo++, newNo: newNo++ });
    }
  }
  return hunks;
}

/** Pairs a hunk's lines side by side: removals on the left facing the additions that replace them. */
export function toSplitRows(lines: DiffLine[]): SplitRow[] {
  const rows: SplitRow[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.kind === 'context') {
      rows.push({ left: line, right: line });
      i++;
      continue;
    }
    if (line.kind === 'note') {
      const previous = rows[rows.length - 1];
      rows.push({ left: previous?.left ? line : null, right: previous?.right ? line : null });
      i++;
      continue;
    }
    const dels: DiffLine[] = [];
    const adds: DiffLine[] = [];
    while (i < lines.length && lines[i].kind === 'del') {
      dels.push(lines[i++]);
    }
    while (i < lines.length && lines[i].kind === 'add') {
      adds.push(lines[i++]);
    }
    for (let k = 0; k < Math.max(dels.length, adds.length); k++) {
      rows.push({ left: dels[k] ?? null, right: adds[k] ?? null });
    }
  }
  return rows;
}
