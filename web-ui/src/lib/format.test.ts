import { formatAgo, pathName } from './format';

const NOW = Date.parse('2026-12-06T03:00:00Z');

describe('formatAgo', () => {
  it.each([
    [null, 'never'],
    ['2026-12-06T02:59:30Z', 'just now'],
    ['2026-12-06T02:57:00Z', '3 min ago'],
    ['2026-12-06T00:30:00Z', '2 h ago'],
    ['2026-12-05T03:00:00Z', '1 day ago'],
    ['2026-12-01T03:00:00Z', '5 days ago'],
    ['2026-12-06T03:05:00Z', 'just now'],
  ])('says %s was %s', (at, words) => {
    expect(formatAgo(at, NOW)).toBe(words);
  });
});

describe('pathName', () => {
  it('names a project by its folder', () => {
    expect(pathName('/home/ada/code/webapp')).toBe('webapp');
    expect(pathName('/home/ada/code/webapp/')).toBe('webapp');
  });
});
