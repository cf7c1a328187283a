import { render, screen } from '@testing-library/react';
import { SYNC_STATUSES, type EdgeStatus } from '../types/api';
import { JobStateBadge, StatusBadge, StatusCount } from './status-badge';

describe('StatusBadge', () => {
  it.each(SYNC_STATUSES)('shows %s as text with an icon, not colour alone', (status) => {
    const { container } = render(<StatusBadge status={status} reason="why" />);
    const badge = container.querySelector('.badge') as HTMLElement;
    expect(badge.textContent?.toLowerCase()).toContain(status);
    expect(badge.querySelector('[aria-hidden="true"]')?.textContent).not.toBe('');
    expect(badge.title).toBe('why');
  });

  it('shows an upstream that cannot be read as unreachable', () => {
    const { container } = render(<StatusBadge status="unreachable" reason="connection refused" />);

    expect(container.querySelector('.badge')?.className).toBe('badge badge-warn');
    expect(container.textContent).toBe('⊘Unreachable');
  });

  it('shows a status it does not know in the server’s word instead of failing', () => {
    const { container } = render(<StatusBadge status={'stale' as EdgeStatus} />);

    expect(container.textContent).toBe('?stale');
  });

  it('counts a status with its icon, the word for screen readers and as the tooltip', () => {
    const { container } = render(<StatusCount status="outdated" count={3} />);

    expect((container.firstChild as HTMLElement).title).toBe('3 outdated');
    expect(container.textContent).toBe('↓ 3 outdated');
  });

  it('names a missing edge for screen readers', () => {
    render(<StatusBadge status={null} />);
    expect(screen.getByText('no such edge')).toBeTruthy();
  });

  it('shows job states with text', () => {
    render(<JobStateBadge state="conflict" />);
    expect(screen.getByText('Conflict')).toBeTruthy();
  });
});
