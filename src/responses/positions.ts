// Offsets in a text turned into the 1-based line and column people see in editors.

export interface LineColumn {
  line: number;
  column: number;
}

/** Returns a function mapping a character offset to line and column; indexes line starts once. */
export function lineColumnFinder(text: string): (offset: number) => LineColumn {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return (offset) => {
    // Binary search for the last line starting at or before offset.
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - lineStarts[low] + 1 };
  };
}
