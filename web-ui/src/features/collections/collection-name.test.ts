import { collectionNameProblem } from './collection-name';

describe('collectionNameProblem', () => {
  it.each(['default', 'team-a', 'v1.2', '_x', 'A'.repeat(64)])('accepts %s', (name) => {
    expect(collectionNameProblem(name)).toBeNull();
  });

  it.each([
    ['', 'Enter a name.'],
    ['.hidden', 'Must not start with “.”.'],
    ['a/b', 'Only letters, digits, “.”, “_” and “-”.'],
    ['has space', 'Only letters, digits, “.”, “_” and “-”.'],
    ['A'.repeat(65), 'At most 64 characters.'],
  ])('refuses %j: %s', (name, problem) => {
    expect(collectionNameProblem(name)).toBe(problem);
  });
});
