import { fireEvent, render, screen } from '@testing-library/react';
import { setToken } from '../../lib/auth';
import type { DiffFile, DiffView } from '../../types/api';
import { DiffViewer } from './diff-viewer';

function file(overrides: Partial<DiffFile>): DiffFile {
  return {
    path: 'SKILL.md',
    status: 'modified',
    lines_added: 1,
    lines_removed: 1,
    binary: false,
    old_size: 10,
    new_size: 12,
    old_sha256: 'a'.repeat(64),
    new_sha256: 'b'.repeat(64),
    old_mode: '100644',
    new_mode: '100644',
    line_endings_only: false,
    unified_diff: '--- a/SKILL.md\n+++ b/SKILL.md\n@@ -5,2 +5,2 @@\n keep\n-old line\n+new line\n',
    omitted_reason: null,
    download_url: null,
    ...overrides,
  };
}

function diff(files: DiffFile[], overrides: Partial<DiffView> = {}): DiffView {
  return {
    artifact_id: 'skill:x',
    lhs: 'collection',
    rhs: 'project',
    lhs_hash: 'a',
    rhs_hash: 'b',
    identical: false,
    files,
    summary: { files_added: 0, files_removed: 0, files_modified: 1, lines_added: 1, lines_removed: 1 },
    truncated: false,
    truncated_reason: null,
    download_url: null,
    ...overrides,
  };
}

describe('DiffViewer', () => {
  beforeEach(() => setToken('secret'));

  it('shows each changed file with its counts and folds the unchanged ones', () => {
    render(<DiffViewer diff={diff([file({}), file({ path: 'ref.md', status: 'unchanged', unified_diff: null })])} mode="unified" />);

    expect(screen.getByLabelText('1 lines added, 1 removed')).toBeTruthy();
    expect(screen.getByText('4 unchanged lines collapsed')).toBeTruthy();
    expect(screen.getByText('new line')).toBeTruthy();
    expect(screen.getByText('1 unchanged file')).toBeTruthy();
  });

  it('names the tiers, and tells two versions of one tier apart by their short hashes', () => {
    const { container, rerender } = render(<DiffViewer diff={diff([file({})])} mode="unified" />);
    expect(container.querySelector('.diff-summary')?.textContent).toMatch(/^Collection → Project: 1 file changed/);

    rerender(
      <DiffViewer diff={diff([file({})], { rhs: 'collection', lhs_hash: '2a71a69'.padEnd(64, '0'), rhs_hash: '8831816'.padEnd(64, '0') })} mode="unified" />,
    );
    expect(container.querySelector('.diff-summary')?.textContent).toMatch(/^Collection 2a71a69 → Collection 8831816: 1 file changed/);
  });

  it('puts old and new lines side by side in split mode', () => {
    const { container } = render(<DiffViewer diff={diff([file({})])} mode="split" />);

    const row = [...container.querySelectorAll('tr')].find((tr) => tr.textContent?.includes('old line'));
    expect(row?.textContent).toContain('new line');
  });

  it('explains a binary file and links its download with the token', () => {
    render(
      <DiffViewer
        diff={diff([file({ path: 'logo.png', binary: true, unified_diff: null, download_url: '/api/v1/artifacts/skill%3Ax/diff/download?path=logo.png' })], {
          download_url: '/api/v1/artifacts/skill%3Ax/diff/download?lhs=collection',
        })}
        mode="split"
      />,
    );

    expect(screen.getByText('Binary file: not shown as text.')).toBeTruthy();
    const link = screen.getByRole('link', { name: 'Download file' }) as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('/api/v1/artifacts/skill%3Ax/diff/download?path=logo.png&access_token=secret');
  });

  it('says clearly when text was left out for size', () => {
    render(
      <DiffViewer
        diff={diff([file({ unified_diff: null, omitted_reason: 'the diff is above SYNC_DIFF_PREVIEW_MAX (1 MB)' })], {
          truncated: true,
          truncated_reason: 'inline text is limited to 1 MB',
          download_url: '/dl',
        })}
        mode="unified"
      />,
    );

    expect(screen.getByText('Some text was left out.')).toBeTruthy();
    expect(screen.getByText('the diff is above SYNC_DIFF_PREVIEW_MAX (1 MB)')).toBeTruthy();
    expect(screen.getAllByRole('link', { name: /Download the full diff/ }).length).toBeGreaterThan(0);
  });

  it('collapses a file on request', () => {
    render(<DiffViewer diff={diff([file({})])} mode="unified" />);

    fireEvent.click(screen.getByRole('button', { name: 'Collapse SKILL.md' }));

    expect(screen.queryByText('new line')).toBeNull();
  });

  it('shows an empty state for identical versions', () => {
    render(<DiffViewer diff={diff([file({ status: 'unchanged', unified_diff: null })], { identical: true })} mode="split" />);

    expect(screen.getByText('Identical: these two versions have the same content.')).toBeTruthy();
  });
});
