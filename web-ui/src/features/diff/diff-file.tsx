import { Fragment, useState } from 'react';
import { Notice } from '../../components/states';
import { withToken } from '../../lib/api-client';
import { formatBytes, shortHash } from '../../lib/format';
import type { DiffFile as DiffFileView } from '../../types/api';
import { parseUnifiedDiff, toSplitRows, type DiffLine, type Hunk } from './parse-unified-diff';

export type DiffMode = 'split' | 'unified';

const FILE_STATUS: Record<string, { icon: string; label: string }> = {
  added: { icon: '+', label: 'Added' },
  removed: { icon: '−', label: 'Removed' },
  modified: { icon: '~', label: 'Modified' },
  unchanged: { icon: '=', label: 'Unchanged' },
};

const MARKERS: Record<DiffLine['kind'], string> = { add: '+', del: '−', context: ' ', note: '' };

function Gap({ count, colSpan }: { count: number; colSpan: number }) {
  return (
    <tr className="diff-gap">
      <td colSpan={colSpan}>
        <span aria-hidden="true">⋯ </span>
        {count} unchanged line{count === 1 ? '' : 's'} collapsed
      </td>
    </tr>
  );
}

function Cells({ line }: { line: DiffLine | null }) {
  if (!line) {
    return <td className="diff-empty" colSpan={3} />;
  }
  const no = line.kind === 'add' ? line.newNo : line.kind === 'del' ? line.oldNo : (line.newNo ?? line.oldNo);
  return (
    <>
      <td className="diff-no">{no ?? ''}</td>
      <td className={`diff-marker diff-${line.kind}`}>{MARKERS[line.kind]}</td>
      <td className={`diff-code diff-${line.kind}`}>{line.text}</td>
    </>
  );
}

function UnifiedHunk({ hunk }: { hunk: Hunk }) {
  return (
    <>
      {hunk.hiddenBefore > 0 && <Gap count={hunk.hiddenBefore} colSpan={4} />}
      <tr className="diff-hunk">
        <td colSpan={4}>{hunk.header}</td>
      </tr>
      {hunk.lines.map((line, i) => (
        <tr key={i}>
          <td className="diff-no">{line.oldNo ?? ''}</td>
          <td className="diff-no">{line.newNo ?? ''}</td>
          <td className={`diff-marker diff-${line.kind}`}>{MARKERS[line.kind]}</td>
          <td className={`diff-code diff-${line.kind}`}>{line.text}</td>
        </tr>
      ))}
    </>
  );
}

function SplitHunk({ hunk }: { hunk: Hunk }) {
  return (
    <>
      {hunk.hiddenBefore > 0 && <Gap count={hunk.hiddenBefore} colSpan={6} />}
      <tr className="diff-hunk">
        <td colSpan={6}>{hunk.header}</td>
      </tr>
      {toSplitRows(hunk.lines).map((row, i) => (
        <tr key={i}>
          <Cells line={row.left} />
          <Cells line={row.right} />
        </tr>
      ))}
    </>
  );
}

function Download({ url, children }: { url: string; children: string }) {
  return (
    <a className="btn btn-small" href={withToken(url)} download>
      {children}
    </a>
  );
}

function Omitted({ file, fallbackUrl }: { file: DiffFileView; fallbackUrl: string | null }) {
  const url = file.download_url ?? fallbackUrl;
  if (file.binary) {
    return (
      <Notice tone="info">
        <strong>Binary file: not shown as text.</strong>
        <p>
          Size {formatBytes(file.old_size)} → {formatBytes(file.new_size)}; sha256 <code>{shortHash(file.old_sha256)}</code> →{' '}
          <code>{shortHash(file.new_sha256)}</code>.
        </p>
        {url && <Download url={url}>Download file</Download>}
      </Notice>
    );
  }
  return (
    <Notice tone="warn">
      <strong>Text left out.</strong> <span>{file.omitted_reason ?? 'The diff of this file is too large to show.'}</span>
      {url && (
        <p>
          <Download url={url}>Download the full diff</Download>
        </p>
      )}
    </Notice>
  );
}

/** One file of a diff: header with status and counts, then its hunks (or why they are left out). */
export function DiffFile({ file, mode, fallbackUrl }: { file: DiffFileView; mode: DiffMode; fallbackUrl: string | null }) {
  const [open, setOpen] = useState(true);
  const status = FILE_STATUS[file.status] ?? FILE_STATUS.modified;
  const hunks = file.unified_diff ? parseUnifiedDiff(file.unified_diff) : [];
  return (
    <section className="diff-file" aria-label={`${file.path}, ${status.label.toLowerCase()}`}>
      <header className="diff-file-header">
        <button type="button" className="btn btn-ghost btn-small" aria-expanded={open} onClick={() => setOpen(!open)} aria-label={`${open ? 'Collapse' : 'Expand'} ${file.path}`}>
          <span aria-hidden="true">{open ? '▾' : '▸'}</span>
        </button>
        <span className={`file-status file-${file.status}`}>
          <span aria-hidden="true">{status.icon}</span> {status.label}
        </span>
        <code className="diff-path">{file.path}</code>
        {!file.binary && (
          <span className="counts" aria-label={`${file.lines_added} lines added, ${file.lines_removed} removed`}>
            <span className="count-add">+{file.lines_added}</span> <span className="count-del">−{file.lines_removed}</span>
          </span>
        )}
        {file.old_mode && file.new_mode && file.old_mode !== file.new_mode && (
          <span className="muted">
            mode {file.old_mode} → {file.new_mode}
          </span>
        )}
        {file.line_endings_only && <span className="muted">line endings only (CRLF ↔ LF)</span>}
      </header>
      {open &&
        (hunks.length === 0 ? (
          <Omitted file={file} fallbackUrl={fallbackUrl} />
        ) : (
          <table className={`diff-table diff-${mode}`}>
            {mode === 'split' ? (
              <colgroup>
                <col className="col-no" />
                <col className="col-marker" />
                <col />
                <col className="col-no" />
                <col className="col-marker" />
                <col />
              </colgroup>
            ) : (
              <colgroup>
                <col className="col-no" />
                <col className="col-no" />
                <col className="col-marker" />
                <col />
              </colgroup>
            )}
            <tbody>
              {hunks.map((hunk, i) => (
                <Fragment key={i}>{mode === 'split' ? <SplitHunk hunk={hunk} /> : <UnifiedHunk hunk={hunk} />}</Fragment>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
