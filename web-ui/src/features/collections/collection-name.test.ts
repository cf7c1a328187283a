import { collectionNameProblem } from './collection-name';

describe('collectionNameProblem', () => {
  it.each(['default', 'team-a', 'v1.2', '_x', 'My Skills', 'équipe', 'A'.repeat(128)])('accepts %j', (name) => {
    expect(collectionNameProblem(name)).toBeNull();
  });

  it.each([
    ['', 'Enter a name.'],
    ['   ', 'Enter a name.'],
    ['A'.repeat(129), 'At most 128 characters.'],
    ['a/b', 'No “/” or “\\”.'],
    ['a\\b', 'No “/” or “\\”.'],
    ['a..b', 'No “..”.'],
    ['.hidden', 'Must not start with “.”.'],
    [' team', 'No spaces at the start or end.'],
    ['team ', 'No spaces at the start or end.'],
    ['te\u0000am', 'No control characters.'],
    ['te\u0085am', 'No control characters.'],
  ])('refuses %j: %s', (name, problem) => {
    expect(collectionNameProblem(name)).toBe(problem);
  });
});
