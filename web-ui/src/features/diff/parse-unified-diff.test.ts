import { parseUnifiedDiff, toSplitRows } from './parse-unified-diff';

const DIFF = [
  '--- a/SKILL.md',
  '+++ b/SKILL.md',
  '@@ -2,3 +2,3 @@ title',
  ' one',
  '-two',
  '+TWO',
  ' three',
  '@@ -20,2 +20,3 @@',
  ' nineteen',
  '+new',
  ' twenty',
  '\\ No newline at end of file',
  '',
].join('\n');

describe('parseUnifiedDiff', () => {
  it('numbers lines on both sides and counts the collapsed gaps', () => {
    const hunks = parseUnifiedDiff(DIFF);

    expect(hunks).toHaveLength(2);
    expect(hunks[0].hiddenBefore).toBe(1);
    expect(hunks[0].lines.map((l) => [l.kind, l.oldNo, l.newNo])).toEqual([
      ['context', 2, 2],
      ['del', 3, null],
      ['add', null, 3],
      ['context', 4, 4],
    ]);
    expect(hunks[1].hiddenBefore).toBe(15);
    expect(hunks[1].lines.at(-1)).toEqual({ kind: 'note', text: 'No newline at end of file', oldNo: null, newNo: null });
  });

  it('starts an all-added file at line one with nothing hidden', () => {
    const [hunk] = parseUnifiedDiff('--- /dev/null\n+++ b/x\n@@ -0,0 +1,2 @@\n+a\n+b\n');

    expect(hunk.hiddenBefore).toBe(0);
    expect(hunk.lines.map((l) => l.newNo)).toEqual([1, 2]);
  });
});

describe('toSplitRows', () => {
  it('faces removals with the additions that replace them', () => {
    const [hunk] = parseUnifiedDiff('@@ -1,3 +1,2 @@\n ctx\n-a\n-b\n+c\n');

    const rows = toSplitRows(hunk.lines).map((r) => [r.left?.text ?? null, r.right?.text ?? null]);

    expect(rows).toEqual([
      ['ctx', 'ctx'],
      ['a', 'c'],
      ['b', null],
    ]);
  });
});
