import { render, screen } from '@testing-library/react';
import { SYNC_STATUSES } from '../types/api';
import { JobStateBadge, StatusBadge } from './status-badge';

describe('StatusBadge', () => {
  it.each(SYNC_STATUSES)('shows %s as text with an icon, not colour alone', (status) => {
    const { container } = render(<StatusBadge status={status} reason="why" />);
    const badge = container.querySelector('.badge') as HTMLElement;
    expect(badge.textContent?.toLowerCase()).toContain(status);
    expect(badge.querySelector('[aria-hidden="true"]')?.textContent).not.toBe('');
    expect(badge.title).toBe('why');
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
