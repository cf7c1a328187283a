import { render, screen } from '@testing-library/react';
import type { Policy } from '../types/api';
import { PolicyBadges } from './policy-badges';

const NONE: Policy = { held: false, hold_reason: null, hold_until: null, hold_expired: false, auto_update: 'off' };

describe('PolicyBadges', () => {
  it('shows nothing for the default policy', () => {
    const { container } = render(<PolicyBadges policy={NONE} />);

    expect(container.textContent).toBe('');
  });

  it('shows a held badge with the reason and the end as its title', () => {
    render(<PolicyBadges policy={{ ...NONE, held: true, hold_reason: 'security review', hold_until: '2026-12-31T00:00:00Z' }} />);

    const badge = screen.getByText('Held');
    expect(badge.className).toBe('badge badge-hold');
    expect(badge.title).toContain('Held: security review; until ');
    expect(badge.title).toContain(new Date('2026-12-31T00:00:00Z').toLocaleString());
  });

  it('says when a hold has no end', () => {
    render(<PolicyBadges policy={{ ...NONE, held: true, hold_reason: null }} />);

    expect(screen.getByText('Held').title).toBe('Held: no reason given; no end date. The watch does not update it.');
  });

  it('shows an expired hold as a muted badge, not as held', () => {
    render(<PolicyBadges policy={{ ...NONE, hold_expired: true, hold_reason: 'freeze', hold_until: '2026-11-01T00:00:00Z' }} />);

    expect(screen.queryByText('Held')).toBeNull();
    const badge = screen.getByText('Expired hold');
    expect(badge.className).toBe('badge badge-muted');
    expect(badge.title).toMatch(/^Hold expired .* \(freeze\); the watch updates it again\.$/);
  });

  it('marks auto-update', () => {
    render(<PolicyBadges policy={{ ...NONE, auto_update: 'clean' }} />);

    expect(screen.getByText('Auto-update').title).toBe('Auto-update: the watch applies upstream updates that merge cleanly.');
  });
});
